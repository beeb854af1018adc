package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.api.ChangeTimes;

import java.time.Instant;

/**
 * What the table detail says about the table's data: {@code lastImportDate} and {@code lastChangeDate} (epoch seconds,
 * API clock) and {@code rowsCount}. Any difference between two marks is a change (contract §11): two imports in one
 * second leave {@code lastImportDate} alone but not always {@code rowsCount}; a rows delete moves only
 * {@code lastChangeDate}.
 */
record TableMark(Long lastImportDate, Long lastChangeDate, long rowsCount) {

    static TableMark of(JsonNode table) {
        return new TableMark(epochSeconds(table.path("lastImportDate")), epochSeconds(table.path("lastChangeDate")),
                table.path("rowsCount").asLong(0));
    }

    /**
     * Whether a detail read when the API answered at {@code answeredAt} (whole seconds) can no longer be equalled by a
     * change committed after the read: the detail has second resolution, so a commit later in the second of its
     * latest time (an upsert that keeps {@code rowsCount}) would show the very same detail. The answer comes after the
     * read, so only an answer two seconds past that second proves the read was past it.
     */
    boolean settledBy(Instant answeredAt) {
        return secondsUntilSettled(answeredAt) == 0;
    }

    /** How many seconds after {@code answeredAt} a read would be {@link #settledBy settled}; 0 when it is already. */
    long secondsUntilSettled(Instant answeredAt) {
        long latest = lastChangeDate == null ? lastImportDate : Math.max(lastImportDate, lastChangeDate);
        return Math.max(0, latest + 2 - answeredAt.getEpochSecond());
    }

    /** Whether the table has ever been loaded: without an import it has no rows to deliver. */
    boolean loaded() {
        return lastImportDate != null;
    }

    private static Long epochSeconds(JsonNode time) {
        return time.isTextual() && !time.asText().isBlank() ? ChangeTimes.toEpochSeconds(time.asText(), Instant.EPOCH) : null;
    }
}
