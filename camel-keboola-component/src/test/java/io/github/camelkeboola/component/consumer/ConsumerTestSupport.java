package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/** Starts routes that consume a table of an emulator, and stops them after each test. */
abstract class ConsumerTestSupport {

    static final String ROUTE_ID = "orders";
    private static final AtomicInteger TABLES = new AtomicInteger();

    static {
        // first polls start Camel, export and download: give them time on a loaded CI machine
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    private final List<CamelContext> contexts = new ArrayList<>();

    /** A table id no other test uses. */
    static String newTableId() {
        return "in.c-consumer.orders" + TABLES.incrementAndGet();
    }

    /** {@code keboola:<table>} with the emulator's URL and token, fast polling, and {@code options}. */
    static String uri(KeboolaEmulator emulator, String tableId, String options) {
        return "keboola:" + tableId + "?stackUrl=" + emulator.baseUrl() + "&token=RAW(" + emulator.token() + ")"
               + "&delay=100&initialDelay=0&retryInitialDelay=50" + (options.isEmpty() ? "" : "&" + options);
    }

    CamelContext start(String uri, Processor processor, Map<String, Object> beans) throws Exception {
        CamelContext context = new DefaultCamelContext();
        beans.forEach(context.getRegistry()::bind);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(ROUTE_ID).process(processor);
            }
        });
        contexts.add(context);
        context.start();
        return context;
    }

    static KeboolaConsumer consumer(CamelContext context) {
        return (KeboolaConsumer) context.getRoute(ROUTE_ID).getConsumer();
    }

    /** Waits until the consumer has run {@code polls} more polls, whatever they found. */
    static void awaitPolls(CamelContext context, int polls) {
        KeboolaConsumer consumer = consumer(context);
        long target = consumer.getCounter() + polls;
        await().until(() -> consumer.getCounter() >= target);
    }

    /**
     * Waits until a poll found the table unchanged since a settled read: every window of what changed so far has been
     * delivered, including the one more read of a detail first read in the second of its last change.
     */
    static void awaitIdle(CamelContext context) {
        KeboolaConsumer consumer = consumer(context);
        await().until(() -> String.valueOf(consumer.getLastPollOutcome()).startsWith("idle: the table is unchanged"));
    }

    @AfterEach
    void stopContexts() {
        contexts.forEach(CamelContext::stop);
        contexts.clear();
    }
}
