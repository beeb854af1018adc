package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.ChangeTimes;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.export.ExportRequest;
import io.github.camelkeboola.component.export.ExportedTable;
import io.github.camelkeboola.component.export.TableExport;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Starts a poll's window: reads the table detail ({@code GET tables/{id}}, see {@link DetailRead}), compares it with
 * the cursor (see {@link ChangeWindow}) and, when the table changed, exports the window, heading its slices with the
 * columns that same detail listed. Idle polls make no other call.
 */
final class WindowChooser {

    private final String tableId;
    private final KeboolaConfiguration configuration;
    private final DetailRead detailRead;
    private final TableExport export;
    private final ChangeCursor cursor;
    private final ConsumerStatus status;
    private Long initialSince;
    private boolean initialSinceResolved;

    WindowChooser(String tableId, KeboolaConfiguration configuration, StorageApi api, TableExport export,
                  ChangeCursor cursor, ConsumerStatus status, BooleanSupplier running) {
        this.tableId = tableId;
        this.configuration = configuration;
        this.detailRead = new DetailRead(api, tableId, running);
        this.export = export;
        this.cursor = cursor;
        this.status = status;
    }

    /** The exported next window, or null when the poll is idle. */
    WindowRun next() {
        CursorState stored = cursor.read();
        DetailRead.Result read = detailRead.read(stored);
        JsonNode detail = read.table();
        ChangeWindow window = Thread.currentThread().isInterrupted() ? null
                : ChangeWindow.next(stored, stored == null ? initialSince() : null, read.mark(), read.settled()).orElse(null);
        if (window == null) {
            status.outcome(stored == null ? "idle: the table was never loaded"
                           : stored.settled() ? "idle: the table is unchanged since " + ChangeWindow.iso(stored.since())
                           : "idle: waiting for the second of the last change to pass, then reading it once more");
            return null;
        }
        // no upper bound: rows committed after the detail was read come now, and again in the next window
        ExportRequest request = new ExportRequest(list(configuration.getColumns()), window.since(), null,
                configuration.getWhereColumn(), list(configuration.getWhereValues()), configuration.getWhereOperator(),
                null);
        ExportedTable exported = export.run(tableId, request, TableExport.columnsOf(detail),
                Duration.ofMillis(configuration.getJobTimeout()));
        status.exported(window, exported.jobId());
        return new WindowRun(window, exported);
    }

    private Long initialSince() {
        if (!initialSinceResolved) {
            // a relative value counts from this consumer's first window; it only picks where history starts
            initialSince = ChangeTimes.toEpochSeconds(configuration.getInitialChangedSince(), Instant.now());
            initialSinceResolved = true;
        }
        return initialSince;
    }

    private static List<String> list(String commaSeparated) {
        if (commaSeparated == null || commaSeparated.isBlank()) {
            return List.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
