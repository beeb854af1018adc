package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator of a distributed export (guide, "Scaling out"): one {@code exportTable} with
 * {@code outputType=slices}, each slice sent as JSON to the {@link DistributedWorker}s through the broker and
 * answered when read. The clock runs from the export's start until the last slice is read; the workers are started
 * before it. Up to {@link #IN_FLIGHT} slices are out at once, more than there are workers: a worker never waits for
 * the next message, the broker hands it to whichever is free.
 */
final class DistributedExport implements Scenario {

    static final int IN_FLIGHT = 16;

    private final String broker;
    private final AtomicInteger slices = new AtomicInteger();

    DistributedExport(String broker) {
        this.broker = broker;
    }

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            camel.addComponent("jms", Broker.jms(broker));
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:export")
                            .to("keboola:" + EXPORTED_TABLE + "?operation=exportTable&outputType=slices&" + Stacks.endpointOptions(stack))
                            .split(body()).parallelProcessing()
                                .executorService(camel.getExecutorServiceManager().newFixedThreadPool(this, "slices", IN_FLIGHT))
                                .process(e -> slices.incrementAndGet())
                                .marshal().json()
                                .to(ExchangePattern.InOut, "jms:queue:" + DistributedWorker.SLICES + "?requestTimeout=3600000")
                                .process(e -> {
                                    String[] read = e.getMessage().getMandatoryBody(String.class).split(",");
                                    sink.add(Long.parseLong(read[0]), Long.parseLong(read[1]));
                                });
                }
            });
            camel.start();
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                Exchange exchange = template.request("direct:export", e -> { });
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                sink.write(CsvGenerator.line(CsvGenerator.COLUMNS)); // the header row, once (slices have none)
                Long jobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
                return new Moved(sink.bytes(), sink.digest(), jobId == null ? 0 : jobId);
            }
        }
    }

    @Override
    public void describe(ObjectNode result) {
        result.put("slices", slices.get());
    }
}
