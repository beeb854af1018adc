package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.JsonValues;
import io.github.camelkeboola.component.api.StorageApi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a table the way Storage does it: an {@code export-async} job (gzip slices), the job's file, and the
 * columns needed to put a header on slices that have none.
 */
public final class TableExporter {

    private final StorageApi api;
    private final FileTransfer transfer;

    public TableExporter(StorageApi api, FileTransfer transfer) {
        this.api = api;
        this.transfer = transfer;
    }

    /** Runs the export job, waits for it up to {@code jobTimeout}, and returns its file ready to read. */
    public ExportedTable export(String tableId, ExportRequest request, Duration jobTimeout) {
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
        List<String> columns = request.columns().isEmpty() ? tableColumns(tableId) : request.columns();
        return new ExportedTable(tableId, jobId == null ? 0 : jobId, fileId, columns,
                JsonValues.isTrue(job.path("results").path("cacheHit")),
                file, transfer);
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

    private List<String> tableColumns(String tableId) {
        List<String> columns = new ArrayList<>();
        api.getTable(tableId).path("columns").forEach(c -> columns.add(c.asText()));
        if (columns.isEmpty()) {
            throw new KeboolaException("Table " + tableId + " lists no columns: the export has no header to give", tableId, null);
        }
        return columns;
    }
}
