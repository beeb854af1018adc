package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.export.ExportedTable;

/**
 * The delivery of one exported window, which in {@code rows} output may span several polls. The cursor moves to the
 * window's end only when every row has been handed out and every exchange carrying one completed successfully; a
 * single failure (or a stop before the end) abandons the window, and the next poll reads it again from the cursor.
 */
final class WindowRun {

    private final ChangeWindow window;
    private final ExportedTable export;
    private long rowsHandedOut;
    private int outstanding;
    private boolean exhausted;
    private boolean failed;
    private boolean committed;

    WindowRun(ChangeWindow window, ExportedTable export) {
        this.window = window;
        this.export = export;
    }

    ChangeWindow window() {
        return window;
    }

    ExportedTable export() {
        return export;
    }

    synchronized long rowsHandedOut() {
        return rowsHandedOut;
    }

    /** Records exchanges about to be processed; {@code last} when they end the window. */
    synchronized void handOut(int exchanges, long rows, boolean last) {
        outstanding += exchanges;
        rowsHandedOut += rows;
        exhausted = last;
    }

    /**
     * Records the outcome of one exchange. Returns true exactly once: when this outcome completes the whole window
     * successfully, so the caller commits the cursor.
     */
    synchronized boolean exchangeDone(boolean success) {
        outstanding--;
        if (!success) {
            failed = true;
        }
        return readyToCommit();
    }

    /** For a window with no rows left to hand out and nothing in flight: true once, when it can be committed. */
    synchronized boolean finishIfIdle() {
        exhausted = true;
        return readyToCommit();
    }

    /**
     * Stops handing out rows of this window (a row failed, or the consumer stops); a later poll reads it again.
     *
     * @param notProcessed exchanges handed out that will never be processed
     */
    synchronized void abandon(int notProcessed) {
        outstanding -= notProcessed;
        failed = true;
    }

    private boolean readyToCommit() {
        if (exhausted && outstanding == 0 && !failed && !committed) {
            committed = true;
            return true;
        }
        return false;
    }

    /** Whether the next poll should hand out more of this window (false once it is done, failed or committed). */
    synchronized boolean hasMore() {
        return !exhausted && !failed;
    }

    /** Whether exchanges of this window are still being processed (asynchronously). */
    synchronized boolean inFlight() {
        return outstanding > 0;
    }

    synchronized boolean isFailed() {
        return failed;
    }
}
