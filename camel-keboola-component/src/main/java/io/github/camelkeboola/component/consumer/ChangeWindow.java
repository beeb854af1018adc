package io.github.camelkeboola.component.consumer;

import java.time.Instant;
import java.util.Optional;

/**
 * One read of a table's changes: every row whose {@code _timestamp} is at or after {@code since} (epoch seconds, API
 * clock; null for the whole table), exported after the table detail showed {@code mark}.
 * <p>
 * Why this loses nothing (contract §6, §11): an import stamps all its rows with the second it starts, makes them
 * visible only when it commits, and imports into one table run one after another. Keboola's own incremental input
 * mapping ("adaptive") therefore reads {@code lastImportDate} <em>before</em> the export and uses it as the next
 * inclusive {@code changedSince}, and so does this consumer. Take any import whose rows the previous export could
 * not see: it had not committed when the previous detail was read, so that detail's {@code lastImportDate} belongs to
 * an earlier import, one that committed before this one started. Whether {@code lastImportDate} is that earlier
 * import's start or its commit, it is at or before the second this import's rows are stamped with, so the next
 * window, which starts there, contains them. There is no upper bound: a window also takes rows committed after its
 * detail was read; they come again in the next window (a duplicate, never a loss).
 * <p>
 * The price: each window reads the second of the previous window's {@code lastImportDate} again, so rows stamped in
 * that second are delivered twice (when {@code lastImportDate} is the import's start, that is the whole last import).
 * <p>
 * The detail has second resolution: an import that commits later in the second of the detail's latest time and keeps
 * {@code rowsCount} (an upsert) leaves the detail exactly as it was. {@link DetailRead} waits such a second out
 * before a window is chosen; a window whose detail was still read that early is {@code settled=false}, and once a
 * later read shows the same detail from past that second, the window is read once more (see
 * {@link TableMark#settledBy}).
 */
record ChangeWindow(Long since, TableMark mark, boolean settled) {

    ChangeWindow(Long since, TableMark mark) {
        this(since, mark, true);
    }

    /**
     * The window to read now, or empty when nothing can have changed: the table has never been loaded, or its detail
     * shows exactly what it showed when the stored cursor was committed.
     *
     * @param stored       the stored cursor, null when none is stored
     * @param initialSince where to start when no cursor is stored, null for the whole table
     * @param now          the table detail read now, before the export
     * @param settled      whether {@code now} was read late enough that no later commit can show the same detail
     */
    static Optional<ChangeWindow> next(CursorState stored, Long initialSince, TableMark now, boolean settled) {
        if (!now.loaded()) {
            return Optional.empty();
        }
        if (stored != null && now.equals(stored.mark()) && (stored.settled() || !settled)) {
            // unchanged; an unsettled cursor waits for a settled read of the same detail, then reads it once more
            return Optional.empty();
        }
        return Optional.of(new ChangeWindow(stored != null ? Long.valueOf(stored.since()) : initialSince, now, settled));
    }


    /**
     * The cursor to store once this window was delivered: the {@code lastImportDate} read before its export (or this
     * window's start, should that be later: an {@code initialChangedSince} in the future), and the detail it showed.
     */
    CursorState next() {
        long last = mark.lastImportDate();
        return new CursorState(since == null ? last : Math.max(since, last), mark, settled);
    }

    /**
     * A stable name of the window, {@code <since>-<lastImportDate>/<lastChangeDate>/<rowsCount>} (epoch seconds), with
     * {@code /unsettled} for an unsettled one: its settled read again may hold more rows, so it must not share a key.
     */
    String describe() {
        return (since == null ? "" : since.toString()) + "-" + mark.lastImportDate() + "/"
               + (mark.lastChangeDate() == null ? "" : mark.lastChangeDate()) + "/" + mark.rowsCount()
               + (settled ? "" : "/unsettled");
    }

    static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds).toString();
    }
}
