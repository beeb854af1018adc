package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.jobs.Job;

import java.util.concurrent.locks.Lock;

/** Tables: list (all, per bucket), detail, delete. */
final class TableEndpoints {

    private final Stack stack;

    TableEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/tables", this::listAll);
        router.add("GET", "/buckets/([^/]+)/tables", this::listInBucket);
        router.add("GET", "/tables/([^/]+)", this::detail);
        router.add("DELETE", "/tables/([^/]+)", this::delete);
    }

    private ApiResponse listAll(ApiRequest request) {
        ArrayNode list = Json.array();
        for (Table t : stack.catalog.tables(request.branchId())) {
            if (request.token().allows(t.bucketId, "read")) {
                list.add(Views.table(stack, t));
            }
        }
        return ApiResponse.ok(list);
    }

    private ApiResponse listInBucket(ApiRequest request) {
        Bucket bucket = Access.bucket(stack, request, request.pathParam(0), "read");
        ArrayNode list = Json.array();
        stack.catalog.tablesIn(bucket.branchId, bucket.id).forEach(t -> list.add(Views.table(stack, t)));
        return ApiResponse.ok(list);
    }

    private ApiResponse detail(ApiRequest request) {
        return ApiResponse.ok(Views.table(stack, Access.table(stack, request, request.pathParam(0), "read")));
    }

    private ApiResponse delete(ApiRequest request) throws Exception {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        if (!request.params().bool("async", true)) {
            dropTable(stack, table, request.token(), request.runId());
            return ApiResponse.noContent();
        }
        ObjectNode params = Json.object();
        params.put("force", request.params().bool("force", false));
        Job job = stack.jobs.submit("tableDrop", table.id, params, request.token(), request.runId(), request.failJob(),
                () -> {
                    dropTable(stack, table, request.token(), request.runId());
                    return null;
                });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }

    /** Drops a table's data and metadata; waits for running imports and exports of it. */
    static void dropTable(Stack stack, Table table, Token token, String runId) throws Exception {
        Lock lock = stack.tableLock(table).writeLock();
        lock.lock();
        try {
            stack.data.drop(table.sqlName);
            stack.catalog.removeTable(table);
            stack.catalog.bucket(table.branchId, table.bucketId).ifPresent(b -> {
                b.lastChangeDate = stack.now();
                stack.catalog.putBucket(b);
            });
        } finally {
            lock.unlock();
        }
        stack.event(table.branchId, "storage.tableDeleted", "Table " + table.id + " deleted", "table", table.id, token, runId,
                null, null);
    }
}
