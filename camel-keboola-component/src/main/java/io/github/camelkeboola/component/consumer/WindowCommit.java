package io.github.camelkeboola.component.consumer;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;

/**
 * Moves the cursor once a window was delivered whole: when the last of its exchanges completed successfully, or at
 * once for a window without rows. A failed exchange leaves the cursor where it is (see {@link WindowRun}).
 */
final class WindowCommit {

    private static final Logger LOG = LoggerFactory.getLogger(WindowCommit.class);

    private final String tableId;
    private final ChangeCursor cursor;
    private final ConsumerStatus status;

    WindowCommit(String tableId, ChangeCursor cursor, ConsumerStatus status) {
        this.tableId = tableId;
        this.cursor = cursor;
        this.status = status;
    }

    /** For a window whose export had no rows (left): commits it unless exchanges are still in flight. */
    void finishEmpty(WindowRun run) {
        status.outcome("window " + run.window().describe() + " had no changed rows");
        if (run.finishIfIdle()) {
            commit(run);
        }
    }

    /** The completion of one exchange of {@code run}: closes its body, counts it, commits after the last. */
    Synchronization completion(WindowRun run, Object body) {
        return new SynchronizationAdapter() {
            @Override
            public void onComplete(Exchange exchange) {
                closeBody(body);
                if (run.exchangeDone(true)) {
                    commit(run);
                }
            }

            @Override
            public void onFailure(Exchange exchange) {
                closeBody(body);
                LOG.debug("Exchange of {} window {} failed; the window will be read again", tableId, run.window().describe());
                run.exchangeDone(false);
            }
        };
    }

    private void commit(WindowRun run) {
        CursorState next = run.window().next();
        try {
            cursor.store(next);
            status.committed();
            LOG.debug("Cursor of {} ({}) moved to {}", tableId, cursor.key(), ChangeCursor.format(next));
        } catch (RuntimeException e) {
            // the window will be read again: duplicates, never a loss
            LOG.error("Could not store the cursor of {} under key {}; the window {} will be delivered again", tableId,
                    cursor.key(), run.window().describe(), e);
        }
    }

    static void closeBody(Object body) {
        if (body instanceof InputStream stream) {
            IOHelper.close(stream);
        }
    }
}
