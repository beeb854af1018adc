package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.db.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.FileRecord;
import io.github.camelkeboola.emulator.db.RowQuery;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.jobs.Job;
import io.github.camelkeboola.emulator.jobs.JobFailedException;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * {@code POST tables/{id}/export-async}: a job writing the selected rows as a sliced file (slices without
 * header) whose results are only {@code {"file": {"id": N}, "cacheHit": bool}}. An identical export of
 * unchanged data returns the same file with {@code cacheHit: true}.
 */
final class ExportEndpoints {

    private static final List<String> FORMATS = List.of("rfc", "raw", "escaped");

    private final Stack stack;

    ExportEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("POST", "/tables/([^/]+)/export-async", this::export);
    }

    private ApiResponse export(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "read");
        Params p = request.params();
        String format = p.string("format", "rfc");
        if (!FORMATS.contains(format)) {
            throw ApiException.validation("storage.tables.validation.invalidFormat",
                    "Format \"" + format + "\" is not supported by the emulator; use rfc.");
        }
        String fileType = p.string("fileType", "csv");
        if (!fileType.equals("csv")) {
            throw ApiException.validation("storage.tables.validation",
                    "fileType \"" + fileType + "\" is not supported by the emulator; use csv.");
        }
        boolean gzip = p.bool("gzip", false);
        Long limit = p.integer("limit");
        if (limit != null && limit < 0) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - limit: \"This value should be 0 or more.\"");
        }
        RowQuery query = RowQueries.from(p, table, stack, limit, p.bool("includeInternalTimestamp", false));
        ObjectNode operation = Json.object();
        ObjectNode export = operation.putObject("export");
        export.putNull("tableName");
        ArrayNode columns = export.putArray("columns");
        query.columns().forEach(columns::add);
        export.put("limit", query.limit());
        export.put("changedSince", query.changedSince() == null ? null : String.valueOf(query.changedSince()));
        export.put("changedUntil", query.changedUntil() == null ? null : String.valueOf(query.changedUntil()));
        export.put("gzipOutput", gzip);
        export.put("format", format);
        JsonNode whereFilters = p.get("whereFilters");
        export.set("whereFilters", whereFilters != null && whereFilters.isArray() ? whereFilters.deepCopy() : Json.array());
        export.put("fileType", "csv");
        export.putNull("timezone");
        operation.put("queue", "main_fast");
        Job job = stack.jobs.submit("tableExport", table.id, operation, request.token(), request.runId(),
                request.failJob(), () -> run(table, query, gzip, request.token(), request.runId()));
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    private JsonNode run(Table table, RowQuery query, boolean gzip, Token token, String runId) throws Exception {
        Lock lock = stack.tableLock(table).readLock();
        lock.lock();
        long fileId;
        boolean cacheHit;
        try {
            if (stack.catalog.table(table.branchId, table.id).isEmpty()) {
                throw new JobFailedException("storage.tables.notFound", "The table \"" + table.name
                        + "\" was not found in the bucket \"" + table.bucketId + "\".");
            }
            String cacheKey = Catalog.key(table.branchId, table.id) + "|" + table.dataVersion + "|" + gzip + "|" + query;
            Optional<Long> cached = stack.catalog.cachedExport(cacheKey);
            cacheHit = cached.isPresent();
            fileId = cacheHit ? cached.get() : write(table, query, gzip, token, runId);
            if (!cacheHit) {
                stack.catalog.cacheExport(cacheKey, fileId);
            }
        } finally {
            lock.unlock();
        }
        ObjectNode params = Json.object();
        params.put("fileId", fileId);
        params.put("cacheHit", cacheHit);
        stack.event(table.branchId, "storage.tableExported", "Exported table " + table.id, "table", table.id, token, runId, params, null);
        ObjectNode results = Json.object();
        results.putObject("file").put("id", fileId);
        results.put("cacheHit", cacheHit);
        return results;
    }

    /** Streams the rows from the database into slices; the file resource appears once all is written. */
    private long write(Table table, RowQuery query, boolean gzip, Token token, String runId) throws Exception {
        FileRecord file = new FileRecord();
        file.branchId = table.branchId;
        file.id = stack.catalog.nextId();
        file.name = table.id + (gzip ? ".csv.gz" : ".csv");
        file.created = stack.now();
        file.objectKey = "exp-2/" + Access.PROJECT_ID + "/table-exports/" + table.id.replace('.', '/') + "/" + file.id + ".csv";
        file.sliced = true;
        file.encrypted = true;
        file.tags.add("table-export");
        file.runId = runId;
        file.creatorTokenId = token.id;
        try (SliceWriter slices = new SliceWriter(stack.storage, file.objectKey, gzip, stack.sliceRows)) {
            stack.data.query(table.sqlName, query, slices::row);
            slices.finish(file.stored().manifestKey());
            file.sizeBytes = slices.bytes();
        } catch (Exception | Error e) {
            stack.storage.deletePrefix(file.objectKey);
            throw e;
        }
        stack.catalog.putFile(file);
        return file.id;
    }
}
