package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.StorageApi;
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

    /** The {@code CamelKeboolaSlicedFileId} header, or null. */
    static Long fileIdHeader(Message in) {
        try {
            return in.getHeader(KeboolaConstants.SLICED_FILE_ID, Long.class);
        } catch (TypeConversionException e) {
            throw new KeboolaException("The " + KeboolaConstants.SLICED_FILE_ID + " header is not a file id: "
                                       + in.getHeader(KeboolaConstants.SLICED_FILE_ID), null, null);
        }
    }

    /**
     * Fresh upload parameters of a sliced file ({@code PUT files/{id}/refresh}), so that no credential travels with
     * the work: a worker that knows the file's id asks for its own.
     */
    static JsonNode uploadResource(StorageApi api, long fileId, String operation) {
        JsonNode resource = api.refreshFile(fileId);
        if (!JsonValues.isTrue(resource.path("isSliced"))) {
            throw new KeboolaException(operation + ": file " + fileId + " is not a sliced file (prepare it with"
                                       + " operation=prepareSlicedFile)", null, null);
        }
        return resource;
    }
}
