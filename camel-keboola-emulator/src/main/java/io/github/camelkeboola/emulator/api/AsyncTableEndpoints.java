package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Catalog;
import io.github.camelkeboola.emulator.db.FileRecord;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.jobs.Job;

import java.util.List;

/** {@code POST buckets/{id}/tables-async} and {@code POST tables/{id}/import-async}: jobs loading an uploaded file. */
final class AsyncTableEndpoints {

    private final Stack stack;
    private final TableLoads loads;

    AsyncTableEndpoints(Stack stack) {
        this.stack = stack;
        this.loads = new TableLoads(stack);
    }

    void register(Router router) {
        router.add("POST", "/buckets/([^/]+)/tables-async", this::create);
        router.add("POST", "/tables/([^/]+)/import-async", this::importData);
    }

    private ApiResponse create(ApiRequest request) {
        Bucket bucket = Access.bucket(stack, request, request.pathParam(0), "write");
        Params p = request.params();
        String name = p.string("name");
        loads.checkNewTable(bucket, name);
        List<String> primaryKey = TableLoads.primaryKey(p);
        FileRecord file = dataFile(request);
        CsvInput.Dialect dialect = CsvInput.Dialect.of(p);
        ObjectNode operation = operationParams(p, file);
        ((ObjectNode) operation.get("params")).put("name", name);
        ArrayNode pk = ((ObjectNode) operation.get("params")).putArray("primaryKey");
        primaryKey.forEach(pk::add);
        Job job = stack.jobs.submit("tableCreate", bucket.id + "." + name, operation, request.token(), request.runId(),
                request.failJob(), Catalog.key(bucket.branchId, bucket.id + "." + name), () -> {
                    try (CsvInput input = new CsvInput(FileParts.of(stack.storage, file), dialect)) {
                        Table table = loads.create(bucket, name, primaryKey, TableLoads.Load.of(input, p),
                                request.token(), request.runId());
                        return Views.table(stack, table);
                    }
                });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    private ApiResponse importData(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        Params p = request.params();
        FileRecord file = dataFile(request);
        CsvInput.Dialect dialect = CsvInput.Dialect.of(p);
        boolean incremental = p.bool("incremental", false);
        ObjectNode operation = operationParams(p, file);
        ((ObjectNode) operation.get("params")).put("incremental", incremental);
        Job job = stack.jobs.submit("tableImport", table.id, operation, request.token(), request.runId(),
                request.failJob(), Catalog.key(table.branchId, table.id), () -> {
                    try (CsvInput input = new CsvInput(FileParts.of(stack.storage, file), dialect)) {
                        return loads.importInto(table, TableLoads.Load.of(input, p), incremental, request.token(),
                                request.runId());
                    }
                });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    private FileRecord dataFile(ApiRequest request) {
        Params p = request.params();
        if (!p.has("dataFileId")) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - dataFileId: \"This field is missing.\""
                    + " Upload the CSV with files/prepare first; dataString is accepted only by the deprecated sync calls.");
        }
        return FileViews.file(stack, request, p.string("dataFileId"));
    }

    private static ObjectNode operationParams(Params p, FileRecord file) {
        ObjectNode operation = Json.object();
        ObjectNode params = operation.putObject("params");
        params.put("withoutHeaders", p.bool("withoutHeaders", false));
        ArrayNode columns = params.putArray("columns");
        p.list("columns").forEach(columns::add);
        params.put("delimiter", p.string("delimiter", ","));
        params.put("enclosure", p.string("enclosure", "\""));
        params.put("escapedBy", p.string("escapedBy", ""));
        ObjectNode source = operation.putObject("source");
        source.put("fileId", file.id);
        source.put("type", "file");
        operation.put("queue", "main");
        return operation;
    }
}
