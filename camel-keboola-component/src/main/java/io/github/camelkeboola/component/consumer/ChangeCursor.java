package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.spi.StateRepository;

/**
 * The consumer's cursor in a {@link StateRepository}: epoch seconds (API clock) before which every changed row of the
 * table has been delivered. Read on every poll rather than cached, so a standby that takes over reads what the
 * leader wrote last.
 */
final class ChangeCursor {

    private final StateRepository<String, String> repository;
    private final String key;
    private final String tableId;

    ChangeCursor(StateRepository<String, String> repository, String key, String tableId) {
        this.repository = repository;
        this.key = key;
        this.tableId = tableId;
    }

    /** The stored cursor, or null when this consumer has never completed a window. */
    Long read() {
        String value = repository.getState(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new KeboolaException("The stored cursor under key '" + key + "' is not epoch seconds: '" + value
                                       + "'. Fix or remove it in the state repository", tableId, e);
        }
    }

    void advanceTo(long epochSeconds) {
        repository.setState(key, Long.toString(epochSeconds));
    }

    String key() {
        return key;
    }
}
