package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.Bucket;
import io.github.camelkeboola.emulator.db.Metadatum;
import io.github.camelkeboola.emulator.db.Table;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Bucket, table and column metadata: {@code POST}, {@code GET} and {@code DELETE} of
 * {@code buckets/{id}/metadata}, {@code tables/{id}/metadata} and {@code columns/{table id.column}/metadata}, as
 * {@code METADATA.md} in this package describes them (with the sources of each answer and error).
 */
final class MetadataEndpoints {

    /** Providers and keys: what Keboola's own ones use (KBC.datatype.basetype, keboola.ex-db-snowflake, some-key). */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]+");
    private static final int MAX_KEY_LENGTH = 255;
    private static final String NOT_AN_ARRAY = "The metadata parameter must be an array.";
    private static final String INVALID_STRUCTURE =
            "Invalid structure. Metadata must be provided as an array of objects with 'key' and 'value' members";

    /** A provider's entry as posted. */
    private record Entry(String key, String value) {
    }

    /** The object whose metadata a request reads or writes. */
    private interface Target {
        /** Its entries now, oldest first. */
        List<Metadatum> entries();

        /** Stores its new entries; called under the catalog's lock, after {@link #stillExists()}. */
        void replace(List<Metadatum> entries);

        /** Whether it still exists (a table may be dropped while a request runs); called under the catalog's lock. */
        boolean stillExists();

        /** The 404 of a metadata id it does not hold. */
        ApiException notFound(String metadataId);
    }

    private final Stack stack;

    MetadataEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/buckets/([^/]+)/metadata", r -> list(bucket(r, "read")));
        router.add("POST", "/buckets/([^/]+)/metadata", this::postBucket);
        router.add("DELETE", "/buckets/([^/]+)/metadata/([^/]+)", r -> delete(bucket(r, "write"), r.pathParam(1), false));
        router.add("GET", "/tables/([^/]+)/metadata", r -> list(table(r, "read")));
        router.add("POST", "/tables/([^/]+)/metadata", this::postTable);
        router.add("DELETE", "/tables/([^/]+)/metadata/([^/]+)", r -> delete(table(r, "write"), r.pathParam(1), true));
        router.add("GET", "/columns/([^/]+)/metadata", r -> list(column(r, "read")));
        router.add("POST", "/columns/([^/]+)/metadata", r -> post(column(r, "write"), r));
        router.add("DELETE", "/columns/([^/]+)/metadata/([^/]+)", r -> delete(column(r, "write"), r.pathParam(1), true));
    }

    // --- targets ------------------------------------------------------------------------------------------------

    private Target bucket(ApiRequest request, String level) {
        String bucketId = decode(request.pathParam(0));
        Bucket bucket = Access.bucket(stack, request, bucketId, level);
        return new Target() {
            public List<Metadatum> entries() {
                return bucket.metadata;
            }

            public void replace(List<Metadatum> entries) {
                bucket.metadata = entries;
                bucket.updated = stack.now();
                stack.catalog.putBucket(bucket);
            }

            public boolean stillExists() {
                return stack.catalog.bucket(bucket.branchId, bucket.id).isPresent();
            }

            public ApiException notFound(String metadataId) {
                return ApiException.notFound("storage.metadata.notFound",
                        "Metadata \"" + metadataId + "\" not found for bucket \"" + bucket.id + "\".");
            }
        };
    }

    private Target table(ApiRequest request, String level) {
        Table table = Access.table(stack, request, decode(request.pathParam(0)), level);
        return new Target() {
            public List<Metadatum> entries() {
                return table.metadata;
            }

            public void replace(List<Metadatum> entries) {
                table.metadata = entries;
                stack.catalog.putTable(table);
            }

            public boolean stillExists() {
                return stack.catalog.table(table.branchId, table.id).isPresent();
            }

            public ApiException notFound(String metadataId) {
                return metadataIdNotFound();
            }
        };
    }

    private Target column(ApiRequest request, String level) {
        String columnId = decode(request.pathParam(0));
        int dot = columnId.lastIndexOf('.');
        Table table = Access.table(stack, request, dot < 0 ? columnId : columnId.substring(0, dot), level);
        String column = columnId.substring(dot + 1);
        if (!table.columns.contains(column)) {
            throw ApiException.notFound("storage.tables.columnNotExists", columnNotExists(column, table));
        }
        return new Target() {
            public List<Metadatum> entries() {
                return table.columnMetadata.getOrDefault(column, List.of());
            }

            public void replace(List<Metadatum> entries) {
                table.columnMetadata = withColumn(table.columnMetadata, column, entries);
                stack.catalog.putTable(table);
            }

            public boolean stillExists() {
                return stack.catalog.table(table.branchId, table.id).isPresent() && table.columns.contains(column);
            }

            public ApiException notFound(String metadataId) {
                return metadataIdNotFound();
            }
        };
    }

    // --- calls --------------------------------------------------------------------------------------------------

    private ApiResponse list(Target target) {
        return ApiResponse.ok(Views.metadata(target.entries()));
    }

    private ApiResponse postBucket(ApiRequest request) {
        Target bucket = bucket(request, "write");
        ApiResponse response = post(bucket, request);
        String bucketId = decode(request.pathParam(0));
        stack.event(request.branchId(), "storage.bucketMetadataSet", "Bucket " + bucketId + " metadata set", "bucket", bucketId,
                request.token(), request.runId(), null, null);
        return response;
    }

    /** Buckets, columns and the form-encoded (deprecated) table call: {@code metadata[]}; the answer lists all entries. */
    private ApiResponse post(Target target, ApiRequest request) {
        String provider = provider(request.params());
        List<Entry> entries = entries(request.params().get("metadata"), "metadata");
        synchronized (stack.catalog) {
            ensureExists(target);
            target.replace(upsert(target.entries(), provider, entries));
        }
        return ApiResponse.json(201, Views.metadata(target.entries()));
    }

    /**
     * {@code POST tables/{id}/metadata}. A JSON body may carry {@code metadata} and {@code columnsMetadata} (at least
     * one) and is answered with both of the table's lists; a form body is the deprecated call, answered as
     * {@link #post(Target, ApiRequest)} is.
     */
    private ApiResponse postTable(ApiRequest request) {
        Table table = Access.table(stack, request, decode(request.pathParam(0)), "write");
        Params params = request.params();
        if (!params.json()) {
            return post(table(request, "write"), request);
        }
        String provider = provider(params);
        JsonNode metadataNode = params.get("metadata");
        JsonNode columnsNode = params.get("columnsMetadata");
        if ((metadataNode == null || metadataNode.isNull()) && (columnsNode == null || columnsNode.isNull())) {
            throw invalidParameter();
        }
        List<Entry> tableEntries = metadataNode == null || metadataNode.isNull() ? List.of() : entries(metadataNode, "metadata");
        Map<String, List<Entry>> columnEntries = columnEntries(columnsNode, table);
        synchronized (stack.catalog) {
            if (stack.catalog.table(table.branchId, table.id).isEmpty()) {
                throw gone();
            }
            List<Metadatum> metadata = tableEntries.isEmpty() ? table.metadata : upsert(table.metadata, provider, tableEntries);
            Map<String, List<Metadatum>> columns = table.columnMetadata;
            for (Map.Entry<String, List<Entry>> column : columnEntries.entrySet()) {
                columns = withColumn(columns, column.getKey(),
                        upsert(columns.getOrDefault(column.getKey(), List.of()), provider, column.getValue()));
            }
            table.metadata = metadata;
            table.columnMetadata = columns;
            stack.catalog.putTable(table);
        }
        ObjectNode body = Json.object();
        body.set("metadata", Views.metadata(table.metadata));
        body.set("columnsMetadata", Views.columnMetadata(table));
        return ApiResponse.json(201, body);
    }

    private ApiResponse delete(Target target, String rawId, boolean numericIdRequired) {
        String metadataId = decode(rawId);
        if (!metadataId.matches("\\d{1,18}")) {
            if (numericIdRequired) {
                throw ApiException.validation("APPLICATION_ERROR",
                        "Argument \"subResource\" is expected to be type \"int\", value \"" + metadataId + "\" given.");
            }
            throw target.notFound(metadataId);
        }
        long id = Long.parseLong(metadataId);
        synchronized (stack.catalog) {
            ensureExists(target);
            List<Metadatum> entries = new ArrayList<>(target.entries());
            if (!entries.removeIf(m -> m.id == id)) {
                throw target.notFound(metadataId);
            }
            target.replace(entries);
        }
        return ApiResponse.noContent();
    }

    // --- request bodies -----------------------------------------------------------------------------------------

    private static String provider(Params params) {
        JsonNode provider = params.get("provider");
        if (provider == null || provider.isNull() || provider.asText().isEmpty()) {
            throw ApiException.validation("storage.metadata.invalidProvider", "Provider is required.");
        }
        if (!provider.isValueNode() || !NAME.matcher(provider.asText()).matches()) {
            throw ApiException.validation("storage.metadata.invalidProvider", "Invalid metadata provider.");
        }
        return provider.asText();
    }

    /** The {@code [{key, value}, ...]} at {@code field}, checked. */
    private static List<Entry> entries(JsonNode node, String field) {
        if (node == null || node.isNull() || node.isValueNode()) {
            throw invalidParameter();
        }
        if (!node.isArray() || node.isEmpty()) {
            throw invalidStructure();
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            JsonNode key = item.get("key");
            JsonNode value = item.get("value");
            if (!item.isObject() || key == null || !key.isValueNode() || value == null || !value.isValueNode() || value.isNull()) {
                throw invalidStructure();
            }
            String text = key.isNull() ? "" : key.asText();
            if (text.isEmpty() || text.length() > MAX_KEY_LENGTH || !NAME.matcher(text).matches()) {
                throw ApiException.validation("storage.metadata.invalidKey",
                        "Invalid Metadata Key (" + field + "[" + i + "][key])");
            }
            entries.add(new Entry(text, value.asText()));
        }
        return entries;
    }

    /**
     * {@code columnsMetadata}: lists grouped by an index or, deprecated, by column name; an entry's {@code columnName}
     * names its column, else the group's key does (apiary.apib "Table Metadata"; keboola/go-client groups all under
     * {@code "all"} with a columnName in each).
     */
    private static Map<String, List<Entry>> columnEntries(JsonNode node, Table table) {
        Map<String, List<Entry>> byColumn = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return byColumn;
        }
        if (!node.isContainerNode()) {
            throw invalidStructure();
        }
        Iterator<Map.Entry<String, JsonNode>> groups = node.isObject() ? node.fields() : indexed(node);
        while (groups.hasNext()) {
            Map.Entry<String, JsonNode> group = groups.next();
            JsonNode items = group.getValue();
            List<Entry> entries = entries(items, "columnsMetadata[" + group.getKey() + "]");
            for (int i = 0; i < items.size(); i++) {
                JsonNode named = items.get(i).get("columnName");
                String column = named != null && named.isValueNode() && !named.asText().isEmpty() ? named.asText() : group.getKey();
                if (!table.columns.contains(column)) {
                    throw ApiException.validation("storage.tables.columnNotExists", columnNotExists(column, table));
                }
                byColumn.computeIfAbsent(column, c -> new ArrayList<>()).add(entries.get(i));
            }
        }
        return byColumn;
    }

    private static Iterator<Map.Entry<String, JsonNode>> indexed(JsonNode array) {
        List<Map.Entry<String, JsonNode>> groups = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            groups.add(Map.entry(String.valueOf(i), array.get(i)));
        }
        return groups.iterator();
    }

    // --- the stored lists ---------------------------------------------------------------------------------------

    /**
     * A new list: entries of the provider with a posted key get the new value and timestamp (keeping their id), the
     * others are added; other providers' entries of the same key stay as they are.
     */
    private List<Metadatum> upsert(List<Metadatum> current, String provider, List<Entry> entries) {
        List<Metadatum> result = new ArrayList<>(current);
        long now = stack.now();
        for (Entry entry : entries) {
            Metadatum updated = new Metadatum();
            updated.provider = provider;
            updated.key = entry.key();
            updated.value = entry.value();
            updated.timestamp = now;
            Optional<Metadatum> existing = result.stream()
                    .filter(m -> m.provider.equals(provider) && m.key.equals(entry.key())).findFirst();
            if (existing.isPresent()) {
                updated.id = existing.get().id;
                result.set(result.indexOf(existing.get()), updated);
            } else {
                updated.id = stack.catalog.nextId();
                result.add(updated);
            }
        }
        return result;
    }

    /** A copy of {@code columns} with {@code column}'s list replaced (dropped when empty). */
    static Map<String, List<Metadatum>> withColumn(Map<String, List<Metadatum>> columns, String column,
                                                   List<Metadatum> entries) {
        Map<String, List<Metadatum>> copy = new LinkedHashMap<>(columns);
        if (entries.isEmpty()) {
            copy.remove(column);
        } else {
            copy.put(column, entries);
        }
        return copy;
    }

    private static void ensureExists(Target target) {
        if (!target.stillExists()) {
            throw gone();
        }
    }

    private static ApiException gone() {
        return ApiException.notFound("storage.metadata.notFound", "The object was deleted while its metadata was being set.");
    }

    private static ApiException metadataIdNotFound() {
        return ApiException.notFound("storage.metadata.notFound", "The supplied metadata ID was not found");
    }

    private static ApiException invalidParameter() {
        return ApiException.validation("storage.metadata.invalidParameter", NOT_AN_ARRAY);
    }

    private static ApiException invalidStructure() {
        return ApiException.validation("storage.metadata.invalidStructure", INVALID_STRUCTURE);
    }

    private static String columnNotExists(String column, Table table) {
        return "Column \"" + column + "\" does not exist in the table \"" + table.id + "\".";
    }

    private static String decode(String pathSegment) {
        return URLDecoder.decode(pathSegment, StandardCharsets.UTF_8);
    }
}
