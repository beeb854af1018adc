package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaCsvStream;
import org.apache.camel.Exchange;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayDeque;
import java.util.Queue;

/** {@code outputType=stream}: the whole window as one exchange, a CSV stream with a header row; none when it is empty. */
final class StreamDelivery implements WindowDelivery {

    private static final int MAX_HEADER_BYTES = 1024 * 1024;

    private final String tableId;
    private final RouteFeed feed;
    private final WindowCommit commit;
    private final ConsumerStatus status;

    StreamDelivery(String tableId, RouteFeed feed, WindowCommit commit, ConsumerStatus status) {
        this.tableId = tableId;
        this.feed = feed;
        this.commit = commit;
        this.status = status;
    }

    @Override
    public int deliver(WindowRun run) throws Exception {
        InputStream body = withDataRows(run.export().openCsv());
        if (body == null) {
            commit.finishEmpty(run);
            return 0;
        }
        // its own stream cache: Camel's stream caching would otherwise read the whole window into memory
        Exchange exchange = feed.exchange(run, new KeboolaCsvStream(body, run.export()::openCsv),
                ChangeKeys.ofWindow(tableId, run.window()));
        Queue<Object> batch = new ArrayDeque<>(1);
        batch.add(exchange);
        run.handOut(1, 0, true);
        status.outcome("delivered window " + run.window().describe() + " as a CSV stream");
        return feed.process(batch);
    }

    @Override
    public void release() {
        // the stream belongs to its exchange, which closes it
    }

    /** Returns the CSV with its header row, or null when no data row follows the header. */
    static InputStream withDataRows(InputStream csv) throws IOException {
        ByteArrayOutputStream header = new ByteArrayOutputStream(256);
        int b;
        while ((b = csv.read()) != -1) {
            header.write(b);
            if (b == '\n') {
                break;
            }
            if (header.size() > MAX_HEADER_BYTES) {
                csv.close();
                throw new IOException("The exported CSV's header row is longer than " + MAX_HEADER_BYTES + " bytes");
            }
        }
        int first = b == -1 ? -1 : csv.read();
        if (first == -1) {
            csv.close();
            return null;
        }
        header.write(first);
        return new SequenceInputStream(new ByteArrayInputStream(header.toByteArray()), csv);
    }
}
