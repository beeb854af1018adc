package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.db.RowQuery;
import io.github.camelkeboola.emulator.db.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

/** {@code GET tables/{id}/data-preview}: CSV with header (all values quoted) or {@code format=json}; no offset. */
final class PreviewEndpoints {

    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private static final int MAX_COLUMNS = 110;
    private static final int MAX_JSON_VALUE = 16_384;

    private final Stack stack;

    PreviewEndpoints(Stack stack) {
        this.stack = stack;
    }

    void register(Router router) {
        router.add("GET", "/tables/([^/]+)/data-preview", this::preview);
    }

    private ApiResponse preview(ApiRequest request) throws Exception {
        Table table = Access.table(stack, request, request.pathParam(0), "read");
        Params p = request.params();
        String format = p.string("format", "rfc");
        if (!format.equals("rfc") && !format.equals("json")) {
            throw ApiException.validation("storage.tables.validation.invalidFormat",
                    "Invalid format \"" + format + "\": use rfc or json.");
        }
        long limit = p.integer("limit") == null ? DEFAULT_LIMIT : p.integer("limit");
        if (limit > MAX_LIMIT || limit < 0) {
            throw ApiException.validation("storage.tables.validation",
                    "Invalid request:\n - limit: \"This value should be between 0 and " + MAX_LIMIT + ".\" (max limit is " + MAX_LIMIT + ")");
        }
        RowQuery query = RowQueries.from(p, table, stack, limit, false);
        if (query.columns().size() > MAX_COLUMNS) {
            throw ApiException.validation("storage.maxNumberOfColumnsExceed", "Data preview is limited to "
                    + MAX_COLUMNS + " columns; the table \"" + table.id + "\" has " + query.columns().size()
                    + ". Use columns to select fewer, or export the table.");
        }
        List<String[]> rows = new ArrayList<>();
        Lock lock = stack.tableLock(table).readLock();
        lock.lock();
        try {
            stack.data.query(table.sqlName, query, rows::add);
        } finally {
            lock.unlock();
        }
        if (format.equals("json")) {
            return ApiResponse.ok(json(query.columns(), rows));
        }
        StringBuilder csv = new StringBuilder();
        appendCsvLine(csv, query.columns().toArray(String[]::new));
        rows.forEach(r -> appendCsvLine(csv, r));
        return ApiResponse.text(200, "text/csv", csv.toString());
    }

    private static ObjectNode json(List<String> columns, List<String[]> rows) {
        ObjectNode node = Json.object();
        ArrayNode names = node.putArray("columns");
        columns.forEach(names::add);
        ArrayNode out = node.putArray("rows");
        for (String[] row : rows) {
            ArrayNode cells = out.addArray();
            for (int i = 0; i < row.length; i++) {
                boolean truncated = row[i].length() > MAX_JSON_VALUE;
                cells.addObject()
                        .put("columnName", columns.get(i))
                        .put("value", truncated ? row[i].substring(0, MAX_JSON_VALUE) : row[i])
                        .put("isTruncated", truncated);
            }
        }
        return node;
    }

    /** One CSV line, every value double-quoted, LF-terminated. */
    static void appendCsvLine(StringBuilder out, String[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(values[i].replace("\"", "\"\"")).append('"');
        }
        out.append('\n');
    }
}
