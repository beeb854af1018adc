package io.github.camelkeboola.component.consumer;

import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;

/**
 * {@code outputType=rows}: one exchange per row, in batches of at most {@code maxMessagesPerPoll}; a larger window
 * goes on in the next polls, read on from the same export.
 */
final class RowsDelivery implements WindowDelivery {

    private final String tableId;
    private final RouteFeed feed;
    private final WindowCommit commit;
    private final ConsumerStatus status;
    private final int maxPerPoll;
    private ExportRows rows;

    RowsDelivery(String tableId, RouteFeed feed, WindowCommit commit, ConsumerStatus status, int maxMessagesPerPoll) {
        this.tableId = tableId;
        this.feed = feed;
        this.commit = commit;
        this.status = status;
        this.maxPerPoll = maxMessagesPerPoll > 0 ? maxMessagesPerPoll : Integer.MAX_VALUE;
    }

    @Override
    public int deliver(WindowRun run) throws Exception {
        if (rows == null || rows.export() != run.export()) {
            release();
            rows = new ExportRows(run.export());
        }
        Queue<Object> batch = new ArrayDeque<>(Math.min(maxPerPoll, 1024));
        while (batch.size() < maxPerPoll) {
            Map<String, String> row = rows.next();
            if (row == null) {
                break;
            }
            batch.add(feed.exchange(run, row, ChangeKeys.ofRow(tableId, row)));
        }
        boolean last = !rows.hasNext();
        if (last) {
            release();
        }
        if (batch.isEmpty()) {
            commit.finishEmpty(run);
            return 0;
        }
        run.handOut(batch.size(), batch.size(), last);
        status.outcome("delivered " + run.rowsHandedOut() + " rows of window " + run.window().describe()
                       + (last ? "" : " so far"));
        return feed.process(batch);
    }

    @Override
    public void release() {
        if (rows != null) {
            rows.close();
            rows = null;
        }
    }
}
