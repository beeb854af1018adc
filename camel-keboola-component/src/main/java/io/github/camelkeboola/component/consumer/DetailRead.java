package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.api.TableDetail;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Reads the table detail a poll chooses its window from. A detail read in the second of its latest change may still
 * be equalled by a commit later in that second (see {@link TableMark#settledBy}); when such a detail shows a change,
 * this waits until the API's clock has passed that second (two seconds at most, as the detail's times are the API's)
 * and reads it again, so the window is nearly always chosen from a settled detail: one export per change, no second
 * read of it. A detail that does not settle within {@link #MAX_WAIT} (the API's clock behind its own stamps) is used
 * unsettled; {@link ChangeWindow} then reads it once more later.
 */
final class DetailRead {

    static final Duration MAX_WAIT = Duration.ofSeconds(5);

    /** The detail, what it says about the data, and whether it was read late enough to rule out a hidden commit. */
    record Result(JsonNode table, TableMark mark, boolean settled) {
    }

    private final StorageApi api;
    private final String tableId;
    private final BooleanSupplier running;

    DetailRead(StorageApi api, String tableId, BooleanSupplier running) {
        this.api = api;
        this.tableId = tableId;
        this.running = running;
    }

    /** Reads the detail; {@code stored} is the cursor, whose detail needs no waiting for (nothing changed). */
    Result read(CursorState stored) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (true) {
            TableDetail detail = api.readTable(tableId);
            // without a Date header, this machine's clock stands in for the API's
            Instant apiNow = detail.answeredAt() != null ? detail.answeredAt() : Instant.now();
            TableMark mark = TableMark.of(detail.table());
            Result result = new Result(detail.table(), mark, mark.loaded() && mark.settledBy(apiNow));
            boolean changed = mark.loaded() && (stored == null || !mark.equals(stored.mark()));
            if (result.settled() || !changed) {
                return result;
            }
            // apiNow is whole seconds and at or before the true answer time: after this wait the API is past it
            long waitMillis = mark.secondsUntilSettled(apiNow) * 1000L;
            if (System.nanoTime() + waitMillis * 1_000_000L > deadline || !running.getAsBoolean() || !pause(waitMillis)) {
                return result;
            }
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
