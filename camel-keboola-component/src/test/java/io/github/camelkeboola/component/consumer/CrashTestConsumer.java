package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.service.ServiceSupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The consuming JVM of {@link KeboolaConsumerCrashTest}, killed at random points. It appends every delivered row to
 * a file and forces it to disk before the exchange completes (so before the cursor can move), and logs each cursor
 * commit after it was stored.
 * <p>
 * Lines: {@code R <round> <id> <version> <since>} per delivered row, {@code C <round> <cursor>} per commit.
 *
 * @see KeboolaConsumerCrashTest
 */
public final class CrashTestConsumer {

    private CrashTestConsumer() {
    }

    /** Arguments: stack URL, token, table id, cursor file, output file, round. */
    public static void main(String[] args) throws Exception {
        String stackUrl = args[0];
        String token = args[1];
        String tableId = args[2];
        File cursorFile = new File(args[3]);
        Path output = Path.of(args[4]);
        String round = args[5];

        FileChannel out = FileChannel.open(output, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("cursor", new LoggedStateRepository(
                FileStateRepository.fileStateRepository(cursorFile), out, round));
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("keboola:" + tableId + "?stackUrl=" + stackUrl + "&token=RAW(" + token + ")"
                     + "&outputType=rows&maxMessagesPerPoll=7&delay=50&initialDelay=0&retryInitialDelay=50"
                     + "&stateRepository=#cursor&stateKey=crash-test")
                        .routeId("crash-test")
                        .process(exchange -> append(out, "R " + round + " " + row(exchange)));
            }
        });
        context.start();
        new CountDownLatch(1).await();
    }

    private static String row(Exchange exchange) {
        @SuppressWarnings("unchecked")
        Map<String, String> row = exchange.getIn().getBody(Map.class);
        return row.get("id") + " " + row.get("version") + " "
               + seconds(exchange.getIn().getHeader(KeboolaConstants.CHANGED_SINCE, String.class));
    }

    private static long seconds(String isoOrNull) {
        return isoOrNull == null ? 0 : java.time.Instant.parse(isoOrNull).getEpochSecond();
    }

    static synchronized void append(FileChannel out, String line) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores the cursor, then records that it did. */
    private static final class LoggedStateRepository extends ServiceSupport implements StateRepository<String, String> {
        private final FileStateRepository delegate;
        private final FileChannel out;
        private final String round;

        LoggedStateRepository(FileStateRepository delegate, FileChannel out, String round) {
            this.delegate = delegate;
            this.out = out;
            this.round = round;
        }

        @Override
        public void setState(String key, String value) {
            delegate.setState(key, value);
            append(out, "C " + round + " " + value);
        }

        @Override
        public String getState(String key) {
            return delegate.getState(key);
        }

        @Override
        protected void doStart() throws Exception {
            delegate.start();
        }

        @Override
        protected void doStop() throws Exception {
            delegate.stop();
        }
    }
}
