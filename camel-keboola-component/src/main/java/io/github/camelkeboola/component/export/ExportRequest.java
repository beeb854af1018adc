package io.github.camelkeboola.component.export;

import java.util.List;

/**
 * What to export of a table ({@code POST tables/{id}/export-async}); every part is optional.
 *
 * @param columns        columns in order; null or empty for all columns of the table
 * @param changedSince   rows changed at or after this instant, epoch seconds (inclusive)
 * @param changedUntil   rows changed before this instant, epoch seconds (exclusive)
 * @param whereColumn    column of the single-column filter
 * @param whereValues    values of that filter
 * @param whereOperator  {@code eq} (in the values, the default) or {@code ne} (not in)
 * @param limit          at most this many rows
 */
public record ExportRequest(List<String> columns, Long changedSince, Long changedUntil, String whereColumn,
                            List<String> whereValues, String whereOperator, Integer limit) {

    public ExportRequest {
        columns = columns == null ? List.of() : List.copyOf(columns);
        whereValues = whereValues == null ? List.of() : List.copyOf(whereValues);
    }

    /** The whole table, all columns. */
    public static ExportRequest all() {
        return new ExportRequest(null, null, null, null, null, null, null);
    }
}
