package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.transfer.FileTransfer;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code uploadSlice}: a worker's part of a sliced load ({@link SlicedFiles}). The body (CSV without a header row, or
 * rows written in the order of {@code columns}) is checked as it streams and stored gzip as one slice of the file
 * the {@code CamelKeboolaSlicedFileId} header names, with upload credentials this worker asks for itself. The body
 * becomes the slice ({@code fileId}, {@code slice}, {@code url} as the manifest will name it, {@code bytes}) for
 * {@code importSlicedFile}: only slices handed to it are imported, so a slice uploaded by an attempt that then failed
 * is never loaded. A redelivery uploads again under the same {@code CamelKeboolaSliceName}, replacing the slice.
 */
final class UploadSliceOperation implements ProducerOperation {

    private static final Pattern SLICE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    @Override
    public void process(OperationRequest request) throws Exception {
        KeboolaConfiguration config = request.config();
        String tableId = request.tableId();
        Long fileId = SlicedFiles.fileIdHeader(request.in());
        if (fileId == null) {
            throw new KeboolaException("uploadSlice needs the " + KeboolaConstants.SLICED_FILE_UPLOAD + " (or "
                                       + KeboolaConstants.SLICED_FILE_ID + ") header: the sliced file prepareSlicedFile made",
                    tableId, null);
        }
        List<String> columns = request.columns();
        if (columns.isEmpty()) {
            throw new KeboolaException("uploadSlice needs the columns (option or " + KeboolaConstants.COLUMNS + " header):"
                                       + " slices have no header row, so their values are in that order", tableId, null);
        }
        String name = sliceName(request, tableId);
        JsonNode resource = SlicedFiles.uploadResource(request, fileId, "uploadSlice");
        FileTransfer.UploadedSlice uploaded;
        try (InputStream csv = CheckedCsv.open(CsvBody.openSlice(request.in(), columns, config, tableId),
                CsvBody.delimiter(config).charAt(0), CsvBody.enclosure(config), true, columns.size(), tableId, true)) {
            uploaded = request.endpoint().getFileTransfer().uploadSlice(resource, name, csv);
        }
        request.setResultHeaders(tableId, null, fileId);
        Map<String, Object> slice = new LinkedHashMap<>();
        slice.put("fileId", fileId);
        slice.put("slice", name);
        slice.put("url", uploaded.entryUrl());
        slice.put("bytes", uploaded.bytes());
        request.exchange().getMessage().setBody(slice);
    }

    private static String sliceName(OperationRequest request, String tableId) {
        String name = request.in().getHeader(KeboolaConstants.SLICE_NAME, String.class);
        if (name == null || name.isBlank()) {
            return "part-" + UUID.randomUUID();
        }
        if (!SLICE_NAME.matcher(name).matches() || name.equals("manifest")) {
            throw new KeboolaException("Invalid slice name '" + name + "' in " + KeboolaConstants.SLICE_NAME + ": letters,"
                                       + " digits, dot, dash and underscore, at most 100, not 'manifest'", tableId, null);
        }
        return name;
    }
}
