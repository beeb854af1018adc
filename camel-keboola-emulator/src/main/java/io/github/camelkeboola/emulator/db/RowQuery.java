package io.github.camelkeboola.emulator.db;

import java.util.ArrayList;
import java.util.List;

/**
 * Which rows and columns of a table to read, as data preview and export ask for them. Time bounds are
 * epoch seconds on the per-row {@code _timestamp}: {@code changedSince} inclusive, {@code changedUntil} exclusive.
 */
public record RowQuery(List<String> columns, Long changedSince, Long changedUntil, List<Filter> filters,
                       List<Order> orderBy, Long limit, boolean includeTimestamp) {

    /** {@code operator}: eq, ne (any number of values), gt, ge, lt, le (one value); {@code dataType} casts for comparison. */
    public record Filter(String column, String operator, List<String> values, String dataType) {
    }

    public record Order(String column, boolean descending, String dataType) {
    }

    /** The SELECT this query stands for, with {@code ?} for every value in {@link #arguments()} order. */
    String sql(String sqlTable) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<String> selected = new ArrayList<>(columns);
        if (includeTimestamp) {
            selected.add(TableData.TIMESTAMP);
        }
        sql.append(String.join(", ", selected.stream().map(TableData::quote).toList()));
        sql.append(" FROM ").append(TableData.quote(sqlTable)).append(where());
        if (!orderBy.isEmpty()) {
            sql.append(" ORDER BY ").append(String.join(", ", orderBy.stream()
                    .map(o -> typed(TableData.quote(o.column()), o.dataType()) + (o.descending() ? " DESC" : " ASC"))
                    .toList()));
        }
        if (limit != null) {
            sql.append(" LIMIT ").append(limit);
        }
        return sql.toString();
    }

    /** Whether the query selects rows by time or filters (not all of them). */
    public boolean selective() {
        return changedSince != null || changedUntil != null || !filters.isEmpty();
    }

    /** The WHERE clause (with a leading space), or an empty string. */
    String where() {
        List<String> conditions = new ArrayList<>();
        if (changedSince != null) {
            conditions.add(TableData.quote(TableData.TIMESTAMP) + " >= ?");
        }
        if (changedUntil != null) {
            conditions.add(TableData.quote(TableData.TIMESTAMP) + " < ?");
        }
        for (Filter filter : filters) {
            String column = typed(TableData.quote(filter.column()), filter.dataType());
            String placeholders = String.join(", ", filter.values().stream().map(v -> typed("?", filter.dataType())).toList());
            conditions.add(switch (filter.operator()) {
                case "eq" -> column + " IN (" + placeholders + ")";
                case "ne" -> column + " NOT IN (" + placeholders + ")";
                case "gt" -> column + " > " + placeholders;
                case "ge" -> column + " >= " + placeholders;
                case "lt" -> column + " < " + placeholders;
                case "le" -> column + " <= " + placeholders;
                default -> throw new IllegalArgumentException("operator " + filter.operator());
            });
        }
        return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
    }

    List<Object> arguments() {
        List<Object> args = new ArrayList<>();
        if (changedSince != null) {
            args.add(changedSince);
        }
        if (changedUntil != null) {
            args.add(changedUntil);
        }
        filters.forEach(f -> args.addAll(f.values()));
        return args;
    }

    /** A number as the backends' {@code try_to_*} functions accept it. */
    private static final String NUMBER = "'^\\s*[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?\\s*$'";

    /**
     * With a {@code dataType}, values compare as numbers. Like Snowflake's {@code try_to_double}, a cell
     * that is no number becomes NULL and matches nothing; a request value that is no number is refused.
     */
    private static String typed(String expression, String dataType) {
        if (dataType == null) {
            return expression;
        }
        if (expression.equals("?")) {
            return "CAST(? AS DECFLOAT)";
        }
        return "CASE WHEN REGEXP_LIKE(" + expression + ", " + NUMBER + ") THEN CAST(TRIM(" + expression
                + ") AS DECFLOAT) END";
    }
}
