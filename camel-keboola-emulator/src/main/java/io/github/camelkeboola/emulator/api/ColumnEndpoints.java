package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Table;
import io.github.camelkeboola.emulator.jobs.Job;
import io.github.camelkeboola.emulator.jobs.JobFailedException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/**
 * Table structure jobs: add a column ({@code tableColumnAdd}), delete one ({@code tableColumnDelete}),
 * set and remove the primary key ({@code tablePrimaryKeyAdd}, {@code tablePrimaryKeyDelete}). Each job's
 * results are the table.
 */
final class ColumnEndpoints {

    /** A change of the table's structure, run under its write lock. */
    @FunctionalInterface
    private interface Change {
        void apply(Table table) throws Exception;
    }

    private final Stack stack;

    ColumnEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("POST", "/tables/([^/]+)/columns", this::addColumn);
        router.add("DELETE", "/tables/([^/]+)/columns/([^/]+)", this::deleteColumn);
        router.add("POST", "/tables/([^/]+)/primary-key", this::addPrimaryKey);
        router.add("DELETE", "/tables/([^/]+)/primary-key", this::deletePrimaryKey);
    }

    private ApiResponse addColumn(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        String name = request.params().string("name");
        if (name == null || name.isEmpty()) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - name: \"This field is missing.\"");
        }
        TableLoads.checkColumns(List.of(name));
        ObjectNode params = Json.object().put("name", name);
        return job(request, table, "tableColumnAdd", params, t -> {
            if (t.columns.stream().anyMatch(c -> c.equalsIgnoreCase(name))) {
                throw new JobFailedException("storage.tables.columnAlreadyExists",
                        "Column \"" + name + "\" already exists in the table \"" + t.id + "\".");
            }
            stack.data.addColumn(t.sqlName, name);
            List<String> columns = new ArrayList<>(t.columns);
            columns.add(name);
            t.columns = columns;
        });
    }

    private ApiResponse deleteColumn(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        String name = java.net.URLDecoder.decode(request.pathParam(1), java.nio.charset.StandardCharsets.UTF_8);
        ObjectNode params = Json.object().put("name", name).put("force", request.params().bool("force", false));
        return job(request, table, "tableColumnDelete", params, t -> {
            if (!t.columns.contains(name)) {
                throw new JobFailedException("storage.tables.columnNotExists",
                        "Column \"" + name + "\" does not exist in the table \"" + t.id + "\".");
            }
            if (t.primaryKey.contains(name)) {
                throw new JobFailedException("storage.tables.cannotDeletePrimaryKeyColumn",
                        "Column \"" + name + "\" is part of the primary key of the table \"" + t.id + "\"; remove the primary key first.");
            }
            if (t.columns.size() == 1) {
                throw new JobFailedException("storage.tables.cannotDeleteLastColumn",
                        "Column \"" + name + "\" is the last column of the table \"" + t.id + "\".");
            }
            stack.data.dropColumn(t.sqlName, name);
            List<String> columns = new ArrayList<>(t.columns);
            columns.remove(name);
            t.columns = columns;
            // a column's metadata goes with it (storage-api-php-client MetadataTest::testTableColumnDeleteWithMetadata)
            synchronized (stack.catalog) {
                t.columnMetadata = MetadataEndpoints.withColumn(t.columnMetadata, name, List.of());
            }
        });
    }

    private ApiResponse addPrimaryKey(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        Params p = request.params();
        List<String> key = p.values("columns");
        if (key.isEmpty()) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - columns: \"This field is missing.\"");
        }
        boolean skipCheck = p.bool("skipDuplicatesCheck", false);
        ObjectNode params = Json.object();
        ArrayNode columns = params.putArray("columns");
        key.forEach(columns::add);
        params.put("skipDuplicatesCheck", skipCheck);
        return job(request, table, "tablePrimaryKeyAdd", params, t -> {
            if (!t.primaryKey.isEmpty()) {
                throw new JobFailedException("storage.tables.primaryKeyAlreadyExists",
                        "The table \"" + t.id + "\" already has a primary key: " + String.join(",", t.primaryKey) + ".");
            }
            List<String> missing = key.stream().filter(c -> !t.columns.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw new JobFailedException("storage.tables.validation.invalidPrimaryKeyColumns",
                        "Primary key columns " + String.join(", ", missing) + " are not among the columns of the table \"" + t.id + "\".");
            }
            if (!skipCheck && stack.data.hasDuplicates(t.sqlName, key)) {
                throw new JobFailedException("storage.tables.primaryKeyDuplicateValues",
                        "The columns " + String.join(", ", key) + " of the table \"" + t.id + "\" contain duplicate values.");
            }
            stack.data.primaryKeyIndex(t.sqlName, key);
            t.primaryKey = new ArrayList<>(key);
        });
    }

    private ApiResponse deletePrimaryKey(ApiRequest request) {
        Table table = Access.table(stack, request, request.pathParam(0), "write");
        return job(request, table, "tablePrimaryKeyDelete", Json.object(), t -> {
            stack.data.primaryKeyIndex(t.sqlName, List.of());
            t.primaryKey = new ArrayList<>();
        });
    }

    /** Queues a structure change; it waits for running imports and exports of the table. */
    private ApiResponse job(ApiRequest request, Table table, String operation, JsonNode params, Change change) {
        Job job = stack.jobs.submit(operation, table.id, params, request.token(), request.runId(), request.failJob(), () -> {
            Lock importLock = stack.importLock(table);
            Lock write = stack.tableLock(table).writeLock();
            importLock.lock();
            write.lock();
            try {
                if (stack.catalog.table(table.branchId, table.id).isEmpty()) {
                    throw new JobFailedException("storage.tables.notFound", "The table \"" + table.name
                            + "\" was not found in the bucket \"" + table.bucketId + "\".");
                }
                change.apply(table);
                synchronized (stack.catalog) {
                    table.lastChangeDate = stack.now();
                    table.dataVersion++;
                    stack.catalog.putTable(table);
                }
            } finally {
                write.unlock();
                importLock.unlock();
            }
            return Views.table(stack, table);
        });
        return ApiResponse.json(202, stack.jobs.view(job, false, stack.baseUrl()));
    }
}
