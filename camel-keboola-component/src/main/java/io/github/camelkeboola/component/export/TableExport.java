package io.github.camelkeboola.component.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.transfer.FileTransfer;
import io.github.camelkeboola.component.wire.JsonValues;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a table the way Storage does it (contract §7), each call once: {@code POST tables/{id}/export-async} (gzip
 * slices), the job polled until it ends, {@code GET files/{id}} for the file's download credentials, and the columns
 * to head slices that have none: those requested, else those the caller already read from the table detail, else
 * one {@code GET tables/{id}} (only for a sliced file: a whole file has its own header row). Used by the producer's
 * {@code exportTable} and by the consumer; the bytes are then moved by the {@link FileTransfer}.
 */
public final class TableExport {

    private final StorageApi api;
    private final FileTransfer transfer;

    public TableExport(StorageApi api, FileTransfer transfer) {
        this.api = api;
        this.transfer = transfer;
    }

    /**
     * Runs the export job, waits for it up to {@code jobTimeout}, and returns its file ready to read.
     *
     * @param tableColumns the table's columns when the caller has just read its detail, else null
     */
    public ExportedTable run(String tableId, ExportRequest request, List<String> tableColumns, Duration jobTimeout) {
        JsonNode accepted = api.exportAsync(tableId, parameters(request));
        JsonNode job = api.waitForJob(accepted, jobTimeout);
        Long jobId = JsonValues.idOf(job) != null ? JsonValues.idOf(job) : JsonValues.idOf(accepted);
        // results may be null or [] (contract §9), the id a number or a string
        Long fileId = JsonValues.id(job.path("results").path("file").path("id"));
        if (fileId == null) {
            throw new KeboolaException("The export job of " + tableId + " ended without a file in its results", 0, null, null,
                    tableId, jobId, null);
        }
        JsonNode file = api.getFile(fileId);
        List<String> columns = request.columns();
        if (columns.isEmpty() && JsonValues.isTrue(file.path("isSliced"))) {
            columns = tableColumns != null && !tableColumns.isEmpty() ? tableColumns : tableColumns(tableId);
        }
        return new ExportedTable(tableId, jobId == null ? 0 : jobId, fileId, columns,
                JsonValues.isTrue(job.path("results").path("cacheHit")), file, transfer, () -> api.getFile(fileId));
    }

    /**
     * One slice of an earlier export, read here with fresh credentials of its file ({@code GET files/{id}?federationToken=1}):
     * the worker side of {@code outputType=slices}. Its rows are those of the slice, headed by the slice's columns.
     */
    public ExportedTable slice(TableSlice slice) {
        JsonNode file = api.getFile(slice.fileId());
        boolean sliced = JsonValues.isTrue(file.path("isSliced"));
        if (sliced == (slice.url() == null)) {
            throw new KeboolaException("File " + slice.fileId() + " of the export of " + slice.tableId() + (sliced
                    ? " is sliced, but the slice names no manifest entry" : " is not sliced, but the slice names " + slice.url()),
                    slice.tableId(), null);
        }
        return new ExportedTable(slice.tableId(), 0, slice.fileId(), slice.columns(), false, file, transfer,
                () -> api.getFile(slice.fileId()), slice.url());
    }

    /** The {@code export-async} parameters: always gzip slices (less to move), time bounds in epoch seconds. */
    static Map<String, Object> parameters(ExportRequest request) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("gzip", true);
        if (!request.columns().isEmpty()) {
            params.put("columns", String.join(",", request.columns()));
        }
        if (request.changedSince() != null) {
            params.put("changedSince", request.changedSince());
        }
        if (request.changedUntil() != null) {
            params.put("changedUntil", request.changedUntil());
        }
        if (request.whereColumn() != null && !request.whereColumn().isEmpty()) {
            params.put("whereColumn", request.whereColumn());
            params.put("whereValues", request.whereValues());
            if (request.whereOperator() != null && !request.whereOperator().isEmpty()) {
                params.put("whereOperator", request.whereOperator());
            }
        }
        if (request.limit() != null) {
            params.put("limit", request.limit());
        }
        return params;
    }

    /** The columns listed by a table detail, in order. */
    public static List<String> columnsOf(JsonNode tableDetail) {
        List<String> columns = new ArrayList<>();
        tableDetail.path("columns").forEach(c -> columns.add(c.asText()));
        return columns;
    }

    private List<String> tableColumns(String tableId) {
        List<String> columns = columnsOf(api.getTable(tableId));
        if (columns.isEmpty()) {
            throw new KeboolaException("Table " + tableId + " lists no columns: the export has no header to give", tableId, null);
        }
        return columns;
    }
}
