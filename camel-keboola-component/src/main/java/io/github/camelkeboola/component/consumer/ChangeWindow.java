package io.github.camelkeboola.component.consumer;

import java.time.Instant;
import java.util.Optional;

/**
 * One read of a table's changes: the rows whose {@code _timestamp} lies in {@code [since, until)}, in epoch seconds on
 * the API's clock. {@code since} is null for the first read of a whole table. {@code lastImport} is the table's
 * {@code lastImportDate} (in seconds) observed when the window was chosen.
 * <p>
 * Why the bounds are safe: the export's {@code changedSince} is inclusive and {@code changedUntil} exclusive, both
 * in whole seconds. A row stamped in a second that has not ended yet may still be joined by rows committed later in
 * the same second, so a window may only include the second of {@code lastImport} once the API's clock has passed it
 * (see {@link #isSettledAt}); otherwise it stops before that second ({@link #withoutLastSecond}).
 */
record ChangeWindow(Long since, long until, long lastImport) {

    /**
     * The window to read after {@code cursor}, or empty when nothing can have changed: the table has never been
     * loaded, or its last import happened before the cursor.
     *
     * @param cursor       the stored cursor (every row stamped before it was delivered), null when none is stored
     * @param initialSince where to start when no cursor is stored, null for the whole table
     * @param lastImport   the table's {@code lastImportDate} in epoch seconds, null when it has none
     */
    static Optional<ChangeWindow> after(Long cursor, Long initialSince, Long lastImport) {
        if (lastImport == null) {
            return Optional.empty();
        }
        Long since = cursor != null ? cursor : initialSince;
        long until = lastImport + 1;
        if (since != null && since >= until) {
            return Optional.empty();
        }
        return Optional.of(new ChangeWindow(since, until, lastImport));
    }

    /**
     * Whether an export that started at {@code exportStart} (epoch seconds on the API's clock) saw every row of this
     * window: true once the second of {@code lastImport} was over when it started, so nothing can be stamped in the
     * window any more.
     */
    boolean isSettledAt(long exportStart) {
        return exportStart >= until;
    }

    /** This window without the second of {@code lastImport}, which may still receive rows; empty if nothing is left. */
    Optional<ChangeWindow> withoutLastSecond() {
        if (since != null && since >= lastImport) {
            return Optional.empty();
        }
        return Optional.of(new ChangeWindow(since, lastImport, lastImport));
    }

    /** A stable name of the window, {@code <since>-<until>} in epoch seconds ({@code since} empty for a whole table). */
    String describe() {
        return (since == null ? "" : since.toString()) + "-" + until;
    }

    static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : Instant.ofEpochSecond(epochSeconds).toString();
    }
}
