package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.db.RowQuery;
import io.github.camelkeboola.emulator.db.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Reads the row selection parameters shared by data preview and export into a {@link RowQuery}. */
final class RowQueries {

    private static final Set<String> OPERATORS = Set.of("eq", "ne", "gt", "ge", "lt", "le");
    private static final Set<String> DATA_TYPES = Set.of("INTEGER", "DOUBLE", "BIGINT", "REAL", "DECIMAL");

    private RowQueries() {
    }

    static RowQuery from(Params p, Table table, Stack stack, Long limit, boolean includeTimestamp) {
        List<String> columns = p.list("columns");
        columns.forEach(c -> column(table, c));
        if (columns.isEmpty()) {
            columns = table.columns;
        }
        Long since = TimeBounds.parse("changedSince", p.string("changedSince"), stack.clock.instant());
        Long until = TimeBounds.parse("changedUntil", p.string("changedUntil"), stack.clock.instant());
        List<RowQuery.Filter> filters = new ArrayList<>();
        String whereColumn = p.string("whereColumn");
        if (whereColumn != null && !whereColumn.isEmpty()) {
            String operator = p.string("whereOperator", "eq");
            if (!operator.equals("eq") && !operator.equals("ne")) {
                throw ApiException.validation("storage.tables.validation",
                        "Invalid whereOperator \"" + operator + "\": use eq or ne.");
            }
            List<String> values = p.values("whereValues");
            if (values.isEmpty()) {
                throw ApiException.validation("storage.tables.validation",
                        "Invalid request:\n - whereValues: \"whereColumn needs at least one value.\"");
            }
            filters.add(new RowQuery.Filter(column(table, whereColumn), operator, values, null));
        }
        JsonNode whereFilters = p.get("whereFilters");
        if (whereFilters != null && whereFilters.isArray()) {
            for (int i = 0; i < whereFilters.size(); i++) {
                filters.add(filter(table, whereFilters.get(i), i));
            }
        }
        List<RowQuery.Order> orderBy = new ArrayList<>();
        JsonNode order = p.get("orderBy");
        if (order != null && order.isArray()) {
            for (int i = 0; i < order.size(); i++) {
                JsonNode o = order.get(i);
                String direction = o.path("order").asText("ASC").toUpperCase();
                if (!direction.equals("ASC") && !direction.equals("DESC")) {
                    throw ApiException.validation("storage.tables.validation",
                            "Invalid request:\n - orderBy[" + i + "][order]: \"The value you selected is not a valid choice.\"");
                }
                orderBy.add(new RowQuery.Order(column(table, o.path("column").asText()), direction.equals("DESC"),
                        dataType(o.get("dataType"), "orderBy[" + i + "][dataType]")));
            }
        }
        return new RowQuery(columns, since, until, filters, orderBy, limit, includeTimestamp);
    }

    private static RowQuery.Filter filter(Table table, JsonNode node, int index) {
        String prefix = "whereFilters[" + index + "]";
        if (!node.has("column")) {
            throw ApiException.validation("storage.tables.validation",
                    "Invalid request:\n - " + prefix + "[column]: \"This field is missing.\"");
        }
        JsonNode valuesNode = node.get("values");
        if (valuesNode == null || valuesNode.isNull()) {
            throw ApiException.validation("storage.tables.validation",
                    "Invalid request:\n - " + prefix + "[values]: \"This field is missing.\"");
        }
        List<String> values = new ArrayList<>();
        if (valuesNode.isArray()) {
            valuesNode.forEach(v -> values.add(v.asText()));
        } else {
            values.add(valuesNode.asText());
        }
        String type = node.path("type").asText("SCALAR");
        if (!type.equals("SCALAR")) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - " + prefix
                    + "[type]: \"" + type + "\" is not supported by the emulator; use SCALAR.");
        }
        String operator = node.path("operator").asText("eq");
        if (!OPERATORS.contains(operator)) {
            throw ApiException.validation("storage.tables.validation",
                    "Invalid request:\n - " + prefix + "[operator]: \"The value you selected is not a valid choice.\"");
        }
        if (values.isEmpty() || (!operator.equals("eq") && !operator.equals("ne") && values.size() != 1)) {
            throw ApiException.validation("storage.tables.validation", "Invalid request:\n - " + prefix
                    + "[values]: operator \"" + operator + "\" needs " + (values.isEmpty() ? "at least one value." : "exactly one value."));
        }
        return new RowQuery.Filter(column(table, node.get("column").asText()), operator, values,
                dataType(node.get("dataType"), prefix + "[dataType]"));
    }

    private static String dataType(JsonNode node, String name) {
        if (node == null || node.isNull() || node.asText().isEmpty()) {
            return null;
        }
        String type = node.asText().toUpperCase();
        if (!DATA_TYPES.contains(type)) {
            throw ApiException.validation("storage.tables.validation",
                    "Invalid request:\n - " + name + ": \"The value you selected is not a valid choice.\"");
        }
        return type;
    }

    private static String column(Table table, String column) {
        if (!table.columns.contains(column)) {
            throw ApiException.validation("storage.tables.validation.columnNotExists",
                    "Column \"" + column + "\" does not exist in the table \"" + table.id + "\".");
        }
        return column;
    }
}
