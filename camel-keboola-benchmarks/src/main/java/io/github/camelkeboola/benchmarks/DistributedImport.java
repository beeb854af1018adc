package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.ExchangePattern;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.RouteBuilder;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The coordinator of a distributed full load (guide, "Scaling out"): {@code prepareSlicedFile}, the load's
 * {@link #parts} sent to the {@link DistributedWorker}s (request-reply: each uploads its part as one slice and answers
 * the slice), then one {@code importSlicedFile} job for all of them. The parts are the same whatever the number of
 * workers: {@code bytes / parts} of generated rows each. The table is created (header row only) before the clock starts.
 */
final class DistributedImport implements Scenario {

    static final String TABLE = "workers";

    private final String broker;
    private final int parts;

    DistributedImport(String broker, int parts) {
        this.broker = broker;
        this.parts = parts;
    }

    @Override
    public void prepare(Stack stack, long bytes, Sink sink) throws Exception {
        // full loads replace the rows: the table of an earlier run can stay, its columns are these
        CamelRun.request(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelRun.START).to("keboola:" + BUCKET + "." + TABLE + "?operation=importTable&" + Stacks.endpointOptions(stack));
            }
        }, null, new String(CsvGenerator.line(CsvGenerator.COLUMNS), StandardCharsets.UTF_8), new Sink(false));
    }

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        String columns = String.join(",", CsvGenerator.COLUMNS);
        sink.write(CsvGenerator.line(CsvGenerator.COLUMNS)); // the header row of the table, as its export shows it
        List<String> partNumbers = IntStream.range(0, parts).mapToObj(Integer::toString).toList();
        return CamelRun.request(new RouteBuilder() {
            @Override
            public void configure() {
                from(CamelRun.START)
                        .to("keboola:" + BUCKET + "." + TABLE + "?operation=prepareSlicedFile&" + Stacks.endpointOptions(stack))
                        .split(body(), AggregationStrategies.flexible().accumulateInCollection(ArrayList.class))
                            .parallelProcessing().stopOnException()
                            .executorService(getContext().getExecutorServiceManager().newFixedThreadPool(this, "parts", DistributedExport.IN_FLIGHT))
                            .setHeader(DistributedWorker.SLICED_FILE_HEADER, header(KeboolaConstants.SLICED_FILE_UPLOAD))
                            .setHeader(DistributedWorker.PART_BYTES_HEADER, constant(bytes / parts))
                            .to(ExchangePattern.InOut, "jms:queue:" + DistributedWorker.PARTS + "?transferException=true&requestTimeout=3600000")
                            .process(e -> {
                                Map<?, ?> slice = e.getMessage().getMandatoryBody(Map.class);
                                sink.add(((Number) slice.get("csvBytes")).longValue(), ((Number) slice.get("digest")).longValue());
                            })
                        .end()
                        .to("keboola:" + BUCKET + "." + TABLE + "?operation=importSlicedFile&columns=" + columns + "&"
                                + Stacks.endpointOptions(stack));
            }
        }, broker, partNumbers, sink);
    }

    @Override
    public void describe(ObjectNode result) {
        result.put("parts", parts);
    }
}
