package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.wire.JsonValues;
import org.apache.camel.Message;
import org.apache.camel.TypeConversionException;

/**
 * What the sliced-load operations share. A load spread over workers is one sliced file (contract §8, PHP
 * {@code uploadSlicedFile()}): {@code files/prepare} with {@code isSliced=true}; each slice stored at the file's key
 * followed by the slice's name; a manifest {@code {"entries":[{"url":..}]}} at key + {@code manifest}; one
 * {@code import-async} with {@code dataFileId} and {@code columns} (slices have no header row). Storage imports only
 * slices under the file's own key ({@code storage.unauthorizedAccess} otherwise), fails on a missing slice
 * ({@code storage.importFileMissing}) or manifest ({@code storage.manifestFileMissing}) (PHP-T
 * {@code SlicedImportsTest}), and loads the whole manifest in one job, or nothing.
 */
final class SlicedFiles {

    private SlicedFiles() {
    }

    /**
     * The sliced file of the step: the {@code CamelKeboolaSlicedFileId} header, else the file whose upload parameters
     * the {@code CamelKeboolaSlicedFileUpload} header holds; null when neither is there.
     */
    static Long fileIdHeader(Message in) {
        Long id;
        try {
            id = in.getHeader(KeboolaConstants.SLICED_FILE_ID, Long.class);
        } catch (TypeConversionException e) {
            throw new KeboolaException("The " + KeboolaConstants.SLICED_FILE_ID + " header is not a file id: "
                                       + in.getHeader(KeboolaConstants.SLICED_FILE_ID), null, null);
        }
        if (id == null) {
            JsonNode upload = uploadHeader(in);
            return upload == null ? null : upload.path("id").asLong();
        }
        return id;
    }

    /**
     * The upload parameters of a sliced file, for {@code uploadSlice} and {@code importSlicedFile}: those of the
     * {@code CamelKeboolaSlicedFileUpload} header, else those this component got when it prepared the file. On GCS
     * (whose tokens live an hour), and for a file neither knows, fresh ones from {@code PUT files/{id}/refresh}. Storage
     * refreshes only files on GCS (APIB "Refresh File Credentials"): on AWS and Azure a worker in another JVM needs
     * the header, and is told so.
     */
    static JsonNode uploadResource(OperationRequest request, long fileId, String operation) {
        JsonNode known = uploadHeader(request.in());
        if (known != null && known.path("id").asLong() != fileId) {
            throw new KeboolaException(operation + ": the " + KeboolaConstants.SLICED_FILE_UPLOAD + " header is for file "
                                       + known.path("id").asLong() + ", not for sliced file " + fileId, null, null);
        }
        if (known == null) {
            known = request.endpoint().getComponent().getPreparedSlicedFiles().find(fileId);
        }
        if (known != null && !"gcp".equals(known.path("provider").asText())) {
            return sliced(known, fileId, operation);
        }
        try {
            return sliced(request.api().refreshFile(fileId), fileId, operation);
        } catch (KeboolaException e) {
            int status = e.getHttpResponseCode();
            if (known != null || status < 400 || status >= 500 || status == 401 || status == 404) {
                throw e;
            }
            throw new KeboolaException(operation + ": no upload parameters for sliced file " + fileId + ", and Storage"
                                       + " did not refresh them (it does so only for files on GCS): set the "
                                       + KeboolaConstants.SLICED_FILE_UPLOAD + " header prepareSlicedFile wrote on the work"
                                       + " this step gets", status, e.getErrorCode(), e.getExceptionId(), null, null, e);
        }
    }

    /** The {@code CamelKeboolaSlicedFileUpload} header parsed, or null; its text (credentials) is never quoted. */
    private static JsonNode uploadHeader(Message in) {
        String text = in.getHeader(KeboolaConstants.SLICED_FILE_UPLOAD, String.class);
        if (text == null || text.isBlank()) {
            return null;
        }
        JsonNode upload;
        try {
            upload = OperationRequest.JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            upload = null;
        }
        if (upload == null || !upload.path("id").canConvertToLong() || upload.path("id").asLong() <= 0) {
            throw new KeboolaException("The " + KeboolaConstants.SLICED_FILE_UPLOAD + " header is not the JSON"
                                       + " prepareSlicedFile wrote (a files/prepare answer)", null, null);
        }
        return upload;
    }

    private static JsonNode sliced(JsonNode resource, long fileId, String operation) {
        if (!JsonValues.isTrue(resource.path("isSliced"))) {
            throw new KeboolaException(operation + ": file " + fileId + " is not a sliced file (prepare it with"
                                       + " operation=prepareSlicedFile)", null, null);
        }
        return resource;
    }
}
