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
 * One exchange seen by an operation: the endpoint's options, each overridden by its input header when the message has
 * it. The override headers are read once, here, and taken off the message when the step succeeded
 * ({@link #removeOverrides()}); the headers the component writes ({@link #setResultHeaders}) are never read.
 */
final class OperationRequest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> OVERRIDES = List.of(KeboolaConstants.OVERRIDE_TABLE_ID,
            KeboolaConstants.OVERRIDE_JOB_ID, KeboolaConstants.OVERRIDE_CHANGED_SINCE, KeboolaConstants.OVERRIDE_CHANGED_UNTIL,
            KeboolaConstants.OVERRIDE_CONFIG_ID);

    private final Exchange exchange;
    private final KeboolaEndpoint endpoint;
    private final String tableId;
    private final Object jobId;
    private final Object changedSince;
    private final Object changedUntil;

    OperationRequest(Exchange exchange, KeboolaEndpoint endpoint) {
        this.exchange = exchange;
        this.endpoint = endpoint;
        Message in = exchange.getIn();
        String tableOverride = in.getHeader(KeboolaConstants.OVERRIDE_TABLE_ID, String.class);
        this.tableId = tableOverride != null && !tableOverride.isBlank() ? tableOverride.trim() : config().getTableId();
        this.jobId = in.getHeader(KeboolaConstants.OVERRIDE_JOB_ID);
        this.changedSince = in.getHeader(KeboolaConstants.OVERRIDE_CHANGED_SINCE);
        this.changedUntil = in.getHeader(KeboolaConstants.OVERRIDE_CHANGED_UNTIL);
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

    /** The {@code CamelKeboolaOverrideTableId} header, else the endpoint path; may be null. */
    String tableId() {
        return tableId;
    }

    String requireTableId(String operation) {
        if (tableId == null || tableId.isBlank()) {
            throw new KeboolaException(operation + " needs a table id: the endpoint path (keboola:in.c-main.orders) or the "
                                       + KeboolaConstants.OVERRIDE_TABLE_ID + " header", null, null);
        }
        return tableId;
    }

    /** The {@code CamelKeboolaOverrideJobId} header as read, or null. */
    Object jobId() {
        return jobId;
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
        return changeTime(changedSince, config().getChangedSince(), "changedSince", tableId);
    }

    Long changedUntil(String tableId) {
        return changeTime(changedUntil, config().getChangedUntil(), "changedUntil", tableId);
    }

    private static Long changeTime(Object override, String option, String name, String tableId) {
        try {
            return ChangeTimes.toEpochSeconds(override != null ? override : option, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new KeboolaException("Invalid " + name + ": " + e.getMessage(), tableId, e);
        }
    }

    /** Takes the override headers off the message: they were meant for this step, not for the next one. */
    void removeOverrides() {
        OVERRIDES.forEach(exchange.getMessage()::removeHeader);
    }

    List<String> whereValues() {
        return splitList(config().getWhereValues());
    }

    /** Puts what identifies the Storage work on the message: the table, job and file ids. */
    void setResultHeaders(String tableId, Long jobId, Long fileId) {
        Message out = exchange.getMessage();
        if (tableId != null) {
            out.setHeader(KeboolaConstants.TABLE_ID, tableId);
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
