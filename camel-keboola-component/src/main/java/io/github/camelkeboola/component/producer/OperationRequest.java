package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.ChangeTimes;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.wire.JsonValues;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * One exchange seen by an operation: the endpoint's options, each overridden by its header when the message has it.
 */
final class OperationRequest {

    static final ObjectMapper JSON = new ObjectMapper();

    private final Exchange exchange;
    private final KeboolaEndpoint endpoint;

    OperationRequest(Exchange exchange, KeboolaEndpoint endpoint) {
        this.exchange = exchange;
        this.endpoint = endpoint;
    }

    Exchange exchange() {
        return exchange;
    }

    Message in() {
        return exchange.getIn();
    }

    KeboolaConfiguration config() {
        return endpoint.getConfiguration();
    }

    StorageApi api() {
        return endpoint.getStorageApi();
    }

    KeboolaEndpoint endpoint() {
        return endpoint;
    }

    Duration jobTimeout() {
        return Duration.ofMillis(config().getJobTimeout());
    }

    /**
     * The {@code CamelKeboolaTableId} header, else the endpoint path; may be null. A header that a previous
     * {@code keboola:} step wrote as its result is not an override.
     */
    String tableId() {
        String header = in().getHeader(KeboolaConstants.TABLE_ID, String.class);
        boolean fromPreviousStep = header != null
                && header.equals(exchange.getProperty(KeboolaConstants.TABLE_ID_WRITTEN, String.class));
        return header != null && !header.isBlank() && !fromPreviousStep ? header.trim() : config().getTableId();
    }

    String requireTableId(String operation) {
        String tableId = tableId();
        if (tableId == null || tableId.isBlank()) {
            throw new KeboolaException(operation + " needs a table id: the endpoint path (keboola:in.c-main.orders) or the "
                                       + KeboolaConstants.TABLE_ID + " header", null, null);
        }
        return tableId;
    }

    /** The {@code CamelKeboolaColumns} header (comma-separated text or a collection), else the columns option. */
    List<String> columns() {
        Object header = in().getHeader(KeboolaConstants.COLUMNS);
        if (header instanceof Collection<?> values) {
            List<String> columns = new ArrayList<>();
            values.forEach(value -> columns.add(String.valueOf(value).trim()));
            return columns;
        }
        return splitList(header != null ? header.toString() : config().getColumns());
    }

    boolean incremental() {
        Boolean header = in().getHeader(KeboolaConstants.INCREMENTAL, Boolean.class);
        return header != null ? header : config().isIncremental();
    }

    Long changedSince(String tableId) {
        return changeTime(KeboolaConstants.CHANGED_SINCE, config().getChangedSince(), "changedSince", tableId);
    }

    Long changedUntil(String tableId) {
        return changeTime(KeboolaConstants.CHANGED_UNTIL, config().getChangedUntil(), "changedUntil", tableId);
    }

    private Long changeTime(String header, String option, String name, String tableId) {
        Object value = in().getHeader(header);
        try {
            return ChangeTimes.toEpochSeconds(value != null ? value : option, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new KeboolaException("Invalid " + name + ": " + e.getMessage(), tableId, e);
        }
    }

    List<String> whereValues() {
        return splitList(config().getWhereValues());
    }

    /** Puts what identifies the Storage work on the message: the table, job and file ids. */
    void setResultHeaders(String tableId, Long jobId, Long fileId) {
        Message out = exchange.getMessage();
        if (tableId != null) {
            out.setHeader(KeboolaConstants.TABLE_ID, tableId);
            exchange.setProperty(KeboolaConstants.TABLE_ID_WRITTEN, tableId);
        }
        if (jobId != null) {
            out.setHeader(KeboolaConstants.JOB_ID, jobId);
        }
        if (fileId != null) {
            out.setHeader(KeboolaConstants.FILE_ID, fileId);
        }
    }

    static Map<String, Object> toMap(JsonNode node) {
        return node == null || !node.isObject() ? Map.of() : JSON.convertValue(node, new TypeReference<Map<String, Object>>() { });
    }

    static List<Map<String, Object>> toList(JsonNode node) {
        return node == null || !node.isArray() ? List.of() : JSON.convertValue(node, new TypeReference<List<Map<String, Object>>>() { });
    }

    static Long id(JsonNode node) {
        return JsonValues.idOf(node);
    }

    static List<String> splitList(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
