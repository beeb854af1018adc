package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code previewTable}: the first rows of a table ({@code data-preview}) as a CSV {@code String} with a header row.
 * The API returns at most 1000 rows and has no paging; whole tables go through {@code exportTable}.
 */
final class PreviewTableOperation implements ProducerOperation {

    static final int MAX_PREVIEW_ROWS = 1000;

    @Override
    public void process(OperationRequest request) throws IOException {
        String tableId = request.requireTableId("previewTable");
        Integer limit = request.config().getLimit();
        if (limit != null && (limit < 1 || limit > MAX_PREVIEW_ROWS)) {
            throw new KeboolaException("previewTable returns 1 to " + MAX_PREVIEW_ROWS + " rows, limit=" + limit
                                       + " is outside; use exportTable for more", tableId, null);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("limit", limit);
        List<String> columns = request.columns();
        if (!columns.isEmpty()) {
            params.put("columns", String.join(",", columns));
        }
        params.put("changedSince", request.changedSince(tableId));
        params.put("changedUntil", request.changedUntil(tableId));
        if (request.config().getWhereColumn() != null) {
            params.put("whereColumn", request.config().getWhereColumn());
            params.put("whereValues", request.whereValues());
            params.put("whereOperator", request.config().getWhereOperator());
        }
        params.values().removeIf(value -> value == null);
        try (InputStream csv = request.api().previewTable(tableId, params)) {
            request.exchange().getMessage().setBody(new String(csv.readAllBytes(), StandardCharsets.UTF_8));
        }
        request.setResultHeaders(tableId, null, null);
    }
}
