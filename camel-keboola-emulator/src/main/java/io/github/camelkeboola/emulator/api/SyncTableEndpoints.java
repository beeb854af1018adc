package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Table;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The deprecated synchronous table calls: create from {@code dataString} ({@code POST buckets/{id}/tables},
 * 201 with the table) and import ({@code POST tables/{id}/import}). Form or multipart bodies only; load errors answer 400
 * with the code an import job would fail with.
 */
final class SyncTableEndpoints {

    private final Stack stack;
    private final TableLoads loads;

    SyncTableEndpoints(Stack stack) {
        this.stack = stack;
        this.loads = new TableLoads(stack);
    }

    void register(Router router) {
        router.add("POST", "/buckets/([^/]+)/tables", this::create);
        router.add("POST", "/tables/([^/]+)/import", this::importData);
    }

    private ApiResponse create(ApiRequest request) throws Exception {
        Bucket bucket = Access.bucket(stack, request, request.pathParam(0), "write");
        Params p = formOnly(request, "Sync create table is deprecated and does not support JSON. Use tables-async.");
        String name = p.string("name");
        loads.checkNewTable(bucket, name);
        List<String> primaryKey = TableLoads.primaryKey(p);
        try (CsvInput input = input(p)) {
            Table table = loads.create(bucket, name, primaryKey, TableLoads.Load.of(input, p), request.token(), request.runId());
            return ApiResponse.json(201, Views.table(stack, table));
        }
    }

    private ApiResponse importData(ApiRequest request) throws Exception {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        Params p = formOnly(request, "Sync import is deprecated and does not support JSON. Use import-async.");
        try (CsvInput input = input(p)) {
            ObjectNode results = loads.importInto(table, TableLoads.Load.of(input, p), p.bool("incremental", false),
                    request.token(), request.runId());
            ObjectNode body = Json.object();
            body.put("status", "ok");
            body.setAll(results);
            return ApiResponse.ok(body);
        }
    }

    private static Params formOnly(ApiRequest request, String message) {
        if (request.params().json()) {
            throw ApiException.validation("storage.validation", message);
        }
        return request.params();
    }

    private static CsvInput input(Params p) {
        String data = p.has("dataString") ? p.string("dataString") : p.string("data");
        if (data == null) {
            throw ApiException.validation("storage.validation",
                    "Invalid request:\n - dataString: \"This field is missing.\" (send dataString or data)");
        }
        byte[] bytes = data.getBytes(StandardCharsets.UTF_8);
        return new CsvInput(List.of(() -> new ByteArrayInputStream(bytes)), CsvInput.Dialect.of(p));
    }
}
