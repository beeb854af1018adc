package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.spi.StateRepository;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The consumer's cursor in a {@link StateRepository}, one line of text:
 * {@code since=<epoch s>,lastImportDate=<epoch s>,lastChangeDate=<epoch s>,rowsCount=<n>}, followed by
 * {@code ,settled=false} while the detail could still hide a change. A bare number is read as {@code since} alone.
 * Read on every poll rather than cached, so a standby that takes over reads what the leader wrote
 * last.
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
    CursorState read() {
        String value = repository.getState(key);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parse(newestOf(value.trim(), key));
        } catch (RuntimeException e) {
            throw new KeboolaException("The stored cursor under key '" + key + "' is unreadable: '" + value
                                       + "'. Fix or remove it in the state repository", tableId, e);
        }
    }

    /**
     * The last cursor in a stored value that holds two. Camel's {@code FileStateRepository} appends the key, '=', the
     * value and the newline in separate writes: a process killed between them leaves its last line unended, and the
     * next append continues that line, {@code <older value><key>=<newer value>}, read back as one value. The newer
     * cursor is the one after the last {@code <key>=} that does not start the value or one of its fields.
     */
    static String newestOf(String value, String key) {
        String marker = key + "=";
        int at = value.lastIndexOf(marker);
        while (at > 0 && value.charAt(at - 1) == ',') {
            at = value.lastIndexOf(marker, at - 1);
        }
        return at > 0 ? value.substring(at + marker.length()) : value;
    }

    void store(CursorState state) {
        repository.setState(key, format(state));
    }

    String key() {
        return key;
    }

    static String format(CursorState state) {
        StringBuilder text = new StringBuilder("since=").append(state.since());
        TableMark mark = state.mark();
        if (mark != null) {
            text.append(",lastImportDate=").append(mark.lastImportDate())
                    .append(",lastChangeDate=").append(mark.lastChangeDate() == null ? "" : mark.lastChangeDate())
                    .append(",rowsCount=").append(mark.rowsCount());
            if (!state.settled()) {
                text.append(",settled=false");
            }
        }
        return text.toString();
    }

    static CursorState parse(String value) {
        if (!value.contains("=")) {
            return new CursorState(Long.parseLong(value), null);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : value.split(",")) {
            int eq = field.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("no '=' in " + field);
            }
            fields.put(field.substring(0, eq).trim(), field.substring(eq + 1).trim());
        }
        long since = Long.parseLong(required(fields, "since"));
        if (!fields.containsKey("lastImportDate")) {
            return new CursorState(since, null);
        }
        String lastChange = fields.getOrDefault("lastChangeDate", "");
        return new CursorState(since, new TableMark(Long.parseLong(required(fields, "lastImportDate")),
                lastChange.isEmpty() ? null : Long.parseLong(lastChange), Long.parseLong(required(fields, "rowsCount"))),
                !"false".equals(fields.get("settled")));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return value;
    }
}
