package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.StorageApi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The table metadata an endpoint sets ({@code description}, {@code columnMetadata.COLUMN.KEY}), as
 * {@code POST tables/{id}/metadata} requests: the description as {@code KBC.description} under provider {@code user},
 * where Keboola's UI writes and reads it, the column metadata under {@code metadataProvider}, as Keboola's components
 * write theirs under their own id (contract and sources: the emulator's {@code api/METADATA.md}).
 */
final class TableMetadata {

    static final String DESCRIPTION_KEY = "KBC.description";
    static final String DESCRIPTION_PROVIDER = "user";

    private TableMetadata() {
    }

    /** Whether the endpoint names any metadata. */
    static boolean named(KeboolaConfiguration config) {
        return description(config) != null || (config.getColumnMetadata() != null && !config.getColumnMetadata().isEmpty());
    }

    /** Sets the endpoint's metadata on the table: one request per provider, each an upsert that may be repeated. */
    static void set(StorageApi api, String tableId, KeboolaConfiguration config) {
        requests(config).values().forEach(body -> api.setTableMetadata(tableId, body));
    }

    /** The request bodies by provider. */
    static Map<String, Map<String, Object>> requests(KeboolaConfiguration config) {
        Map<String, Map<String, Object>> byProvider = new LinkedHashMap<>();
        String description = description(config);
        if (description != null) {
            body(byProvider, DESCRIPTION_PROVIDER).put("metadata", List.of(entry(null, DESCRIPTION_KEY, description)));
        }
        Map<String, List<Map<String, String>>> byColumn = new LinkedHashMap<>();
        if (config.getColumnMetadata() != null) {
            config.getColumnMetadata().forEach((name, value) -> {
                int dot = name.indexOf('.'); // column names have no dots; keys do (KBC.datatype.basetype)
                String column = name.substring(0, dot);
                byColumn.computeIfAbsent(column, c -> new ArrayList<>())
                        .add(entry(column, name.substring(dot + 1), String.valueOf(value)));
            });
        }
        if (!byColumn.isEmpty()) {
            // indexed by int with columnName in each entry, as apiary.apib recommends (a column name as the index is deprecated)
            Map<String, Object> columnsMetadata = new LinkedHashMap<>();
            byColumn.values().forEach(entries -> columnsMetadata.put(String.valueOf(columnsMetadata.size()), entries));
            body(byProvider, config.getMetadataProvider()).put("columnsMetadata", columnsMetadata);
        }
        return byProvider;
    }

    private static String description(KeboolaConfiguration config) {
        String description = config.getDescription();
        return description == null || description.isBlank() ? null : description;
    }

    private static Map<String, Object> body(Map<String, Map<String, Object>> byProvider, String provider) {
        return byProvider.computeIfAbsent(provider, p -> {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("provider", p);
            return body;
        });
    }

    private static Map<String, String> entry(String column, String key, String value) {
        Map<String, String> entry = new LinkedHashMap<>();
        if (column != null) {
            entry.put("columnName", column);
        }
        entry.put("key", key);
        entry.put("value", value);
        return entry;
    }
}
