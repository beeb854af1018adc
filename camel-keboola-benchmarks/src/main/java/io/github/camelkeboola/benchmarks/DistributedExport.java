package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.RouteBuilder;

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
        sink.write(CsvGenerator.line(CsvGenerator.COLUMNS)); // the header row, once (slices have none)
        return CamelRun.request(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelRun.START)
                        .to("keboola:" + EXPORTED_TABLE + "?operation=exportTable&outputType=slices&" + Stacks.endpointOptions(stack))
                        .split(body()).parallelProcessing()
                            .executorService(getContext().getExecutorServiceManager().newFixedThreadPool(this, "slices", IN_FLIGHT))
                            .process(e -> slices.incrementAndGet())
                            .marshal().json()
                            .to(ExchangePattern.InOut, "jms:queue:" + DistributedWorker.SLICES + "?requestTimeout=3600000")
                            .process(e -> {
                                String[] read = e.getMessage().getMandatoryBody(String.class).split(",");
                                sink.add(Long.parseLong(read[0]), Long.parseLong(read[1]));
                            });
            }
        }, broker, null, sink);
    }

    @Override
    public void describe(ObjectNode result) {
        result.put("slices", slices.get());
    }
}
