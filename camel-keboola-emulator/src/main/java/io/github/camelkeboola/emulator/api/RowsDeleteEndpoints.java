package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.RowQuery;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.jobs.Job;
import io.github.camelkeboola.emulator.jobs.JobFailedException;

import java.util.concurrent.locks.Lock;

/** {@code DELETE tables/{id}/rows}: a {@code tableRowsDelete} job with results {@code {"deletedRows": n}}. */
final class RowsDeleteEndpoints {

    private final Stack stack;

    RowsDeleteEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("DELETE", "/tables/([^/]+)/rows", this::delete);
    }

    private ApiResponse delete(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        Params p = request.params();
        RowQuery query = RowQueries.from(p, table, stack, null, false);
        if (!query.selective() && !p.bool("allowTruncate", false)) {
            throw ApiException.validation("storage.tables.validation",
                    "No rows selected: give changedSince, changedUntil or whereFilters, or allowTruncate to delete all rows.");
        }
        ObjectNode params = Json.object();
        params.put("changedSince", query.changedSince());
        params.put("changedUntil", query.changedUntil());
        params.set("whereFilters", p.get("whereFilters") == null ? Json.array() : p.get("whereFilters").deepCopy());
        Job job = stack.jobs.submit("tableRowsDelete", table.id, params, request.token(), request.runId(),
                request.failJob(), () -> {
                    long deleted;
                    Lock lock = stack.tableLock(table).writeLock();
                    lock.lock();
                    try {
                        if (stack.catalog.table(table.branchId, table.id).isEmpty()) {
                            throw new JobFailedException("storage.tables.notFound", "The table \"" + table.name
                                    + "\" was not found in the bucket \"" + table.bucketId + "\".");
                        }
                        deleted = stack.data.delete(table.sqlName, query);
                        long rows = stack.data.count(table.sqlName);
                        synchronized (stack.catalog) {
                            table.rowsCount = rows;
                            table.lastChangeDate = stack.now();
                            table.dataVersion++;
                            stack.catalog.putTable(table);
                        }
                    } finally {
                        lock.unlock();
                    }
                    stack.event(table.branchId, "storage.tableRowsDeleted", "Deleted " + deleted + " rows from table " + table.id, "table",
                            table.id, request.token(), request.runId(), params, null);
                    return Json.object().put("deletedRows", deleted);
                });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }
}
