package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.db.Branch;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Metadatum;
import io.github.camelkeboola.emulator.db.Table;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON shapes of buckets and tables, as the API returns them. */
final class Views {

    private Views() {
    }

    /** Where a branch's resources are: {@code /v2/storage} for production, {@code /v2/storage/branch/{id}} else. */
    static String storagePath(long branchId) {
        return branchId == Branch.DEFAULT_ID ? "/v2/storage" : "/v2/storage/branch/" + branchId;
    }

    static ObjectNode bucket(Stack stack, Bucket b) {
        List<Table> tables = stack.catalog.tablesIn(b.branchId, b.id);
        ObjectNode node = Json.object();
        node.put("uri", stack.uri(storagePath(b.branchId) + "/buckets/" + b.id));
        node.put("id", b.id);
        node.put("name", b.name);
        node.put("displayName", b.displayName);
        node.put("idBranch", b.branchId);
        node.put("stage", b.stage);
        node.put("description", b.description);
        node.put("tables", stack.uri(storagePath(b.branchId) + "/buckets/" + b.id + "/tables"));
        node.put("created", Json.time(b.created));
        node.put("lastChangeDate", Json.time(b.lastChangeDate));
        node.put("updated", Json.time(b.updated));
        node.put("isReadOnly", false);
        node.put("dataSizeBytes", tables.stream().mapToLong(t -> t.dataSizeBytes).sum());
        node.put("rowsCount", tables.stream().mapToLong(t -> t.rowsCount).sum());
        node.put("isMaintenance", false);
        node.put("backend", b.backend);
        node.put("hasExternalSchema", false);
        node.putNull("databaseName");
        node.putNull("sharing");
        node.put("bucketSharingAllowed", true);
        node.put("color", b.color);
        node.put("isLinkedBucket", false);
        node.putArray("backendPath").add("KBC_PRJ_" + Access.PROJECT_ID).add(b.id);
        node.set("metadata", metadata(b.metadata));
        return node;
    }

    /**
     * A bucket's detail ({@code GET buckets/{id}}): as in the list, but {@code tables} holds the bucket's tables
     * (without their {@code bucket}) and {@code attributes} is present (keboola/sapi-python-client
     * {@code tests/functional/test_buckets.py} {@code test_bucket_detail}: both {@code []} for a new bucket).
     * {@code include} (metadata, columns, columnMetadata) chooses what each table shows (storage-api-php-client
     * {@code tests/Backend/CommonPart1/BucketsTest.php} {@code assertBucketWith*}); without it, all three.
     */
    static ObjectNode bucketDetail(Stack stack, Bucket b, Set<String> include) {
        ObjectNode node = bucket(stack, b);
        ArrayNode tables = node.putArray("tables");
        for (Table t : stack.catalog.tablesIn(b.branchId, b.id)) {
            ObjectNode table = table(stack, t);
            table.remove("bucket");
            for (String part : List.of("metadata", "columns", "columnMetadata")) {
                if (!include.isEmpty() && !include.contains(part)) {
                    table.remove(part);
                }
            }
            tables.add(table);
        }
        node.putArray("attributes");
        return node;
    }

    /** Metadata entries as the API lists them: the id as a string, the time with a colon-less offset. */
    static ArrayNode metadata(List<Metadatum> entries) {
        ArrayNode list = Json.array();
        for (Metadatum m : entries) {
            ObjectNode entry = list.addObject();
            entry.put("id", String.valueOf(m.id));
            entry.put("key", m.key);
            entry.put("value", m.value);
            entry.put("provider", m.provider);
            entry.put("timestamp", Json.time(m.timestamp));
        }
        return list;
    }

    /**
     * A table's column metadata by column name, in the table's column order; {@code []} when no column has any, as
     * PHP encodes an empty map (apiary.apib table lists; keboola/go-client {@code ColumnsMetadata.UnmarshalJSON}).
     */
    static JsonNode columnMetadata(Table t) {
        Map<String, List<Metadatum>> byColumn = t.columnMetadata;
        if (byColumn.isEmpty()) {
            return Json.array();
        }
        ObjectNode node = Json.object();
        for (String column : t.columns) {
            List<Metadatum> entries = byColumn.get(column);
            if (entries != null && !entries.isEmpty()) {
                node.set(column, metadata(entries));
            }
        }
        return node.isEmpty() ? Json.array() : node;
    }

    static ObjectNode table(Stack stack, Table t) {
        ObjectNode node = Json.object();
        node.put("uri", stack.uri(storagePath(t.branchId) + "/tables/" + t.id));
        node.put("id", t.id);
        node.put("name", t.name);
        node.put("displayName", t.displayName);
        node.put("transactional", false);
        ArrayNode pk = node.putArray("primaryKey");
        t.primaryKey.forEach(pk::add);
        node.put("created", Json.time(t.created));
        node.put("lastImportDate", Json.time(t.lastImportDate));
        node.put("lastChangeDate", Json.time(t.lastChangeDate));
        node.put("rowsCount", t.rowsCount);
        node.put("dataSizeBytes", t.dataSizeBytes);
        node.put("isAlias", false);
        node.put("isAliasable", true);
        node.put("isTyped", false);
        node.put("timestampType", "MANAGED");
        node.put("tableType", "table");
        node.put("path", "KBC_PRJ_" + Access.PROJECT_ID + "." + t.bucketId + "." + t.name);
        node.putArray("distributionKey");
        node.put("syntheticPrimaryKeyEnabled", false);
        ArrayNode columns = node.putArray("columns");
        t.columns.forEach(columns::add);
        node.set("metadata", metadata(t.metadata));
        node.set("columnMetadata", columnMetadata(t));
        stack.catalog.bucket(t.branchId, t.bucketId).ifPresent(b -> node.set("bucket", bucket(stack, b)));
        return node;
    }
}
