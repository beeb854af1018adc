package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code getTable}: the body becomes the table's detail (a {@code Map}), with its {@code metadata} (a list of
 * {@code id, key, value, provider, timestamp}) and {@code columnMetadata} (a map of such lists by column).
 */
final class GetTableOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        String tableId = request.requireTableId("getTable");
        request.exchange().getMessage().setBody(detail(request.api().getTable(tableId)));
        request.setResultHeaders(tableId, null, null);
    }

    /** The detail as a map; {@code columnMetadata} is a map even when the API sends none as {@code []}. */
    static Map<String, Object> detail(JsonNode table) {
        Map<String, Object> detail = new LinkedHashMap<>(OperationRequest.toMap(table));
        if (detail.get("columnMetadata") instanceof List<?> none && none.isEmpty()) {
            detail.put("columnMetadata", new LinkedHashMap<>());
        }
        return detail;
    }
}
