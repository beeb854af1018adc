package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A worker of the distributed runs, in a JVM of its own (one host of a scaled-out deployment):
 * {@code DistributedWorker export|import <stackUrl> <brokerUrl> <consumers> [verify]}, token in
 * {@code KEBOOLA_BENCH_TOKEN}. One route with that many consumers, the route a user would deploy on each host (guide,
 * "Scaling out"):
 * <ul>
 * <li>export: a slice from {@link #SLICES} is read with {@code readSlice} (CSV stream, with credentials of its own)
 * and drained; the reply says what it held.</li>
 * <li>import: a part number from {@link #PARTS} becomes that part's rows (generated as {@code uploadSlice} reads
 * them) uploaded as one slice of the sliced file in the message; the reply is the slice, plus what it held.</li>
 * </ul>
 * Prints {@code READY} once it consumes, runs until its standard input closes, then prints {@code RESULT {json}}
 * with the messages it handled, the CPU time it used since it was ready, and its peak memory.
 */
final class DistributedWorker {

    static final String SLICES = "bench-slices";
    static final String PARTS = "bench-parts";
    /** Headers of a part message: the sliced file's upload parameters (JMS carries no Camel* header) and the part's size. */
    static final String SLICED_FILE_HEADER = "benchSlicedFile";
    static final String PART_BYTES_HEADER = "benchPartBytes";

    private DistributedWorker() {
    }

    public static void main(String[] args) throws Exception {
        boolean export = "export".equals(args[0]);
        Scenario.Stack stack = new Scenario.Stack(args[1], System.getenv(BenchmarkWorker.TOKEN_ENV));
        String broker = args[2];
        int consumers = Integer.parseInt(args[3]);
        boolean verify = args.length > 4 && "verify".equals(args[4]);
        AtomicInteger handled = new AtomicInteger();
        long heapPeak;
        double cpu;
        try (PeakMemory memory = new PeakMemory(); CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            camel.addComponent("jms", Broker.jms(broker));
            String from = "jms:queue:" + (export ? SLICES : PARTS) + "?concurrentConsumers=" + consumers;
            camel.addRoutes(export ? exportRoute(from, stack, verify, handled) : importRoute(from, stack, verify, handled));
            camel.start();
            System.out.println("READY");
            System.out.flush();
            double cpuReady = Machine.cpuSeconds();
            while (System.in.read() >= 0) {
                // the run is over when the benchmark closes this pipe
            }
            cpu = Machine.cpuSeconds() - cpuReady;
            camel.stop();
            memory.close();
            heapPeak = memory.heapPeakBytes();
        }
        System.out.println("RESULT " + new ObjectMapper().createObjectNode()
                .put("handled", handled.get())
                .put("cpuSeconds", cpu)
                .put("heapPeakBytes", heapPeak)
                .put("rssPeakBytes", PeakMemory.residentPeakBytes())
                .put("maxHeapBytes", Runtime.getRuntime().maxMemory()));
    }

    private static RouteBuilder exportRoute(String from, Scenario.Stack stack, boolean verify, AtomicInteger handled) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from)
                        .to("keboola:?operation=readSlice&outputType=stream&" + Stacks.endpointOptions(stack))
                        .process(e -> {
                            Sink sink = new Sink(verify);
                            InputStream csv = e.getMessage().getMandatoryBody(InputStream.class);
                            skipLine(csv); // every slice comes headed by the header row: the coordinator counts it once
                            sink.drain(csv);
                            handled.incrementAndGet();
                            e.getMessage().setBody(sink.bytes() + "," + sink.digest());
                        });
            }
        };
    }

    private static RouteBuilder importRoute(String from, Scenario.Stack stack, boolean verify, AtomicInteger handled) {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(from + "&transferException=true")
                        .setHeader(KeboolaConstants.SLICED_FILE_UPLOAD, header(SLICED_FILE_HEADER))
                        .process(e -> {
                            int part = Integer.parseInt(e.getIn().getBody(String.class));
                            Sink sink = new Sink(verify);
                            e.setProperty("partSink", sink);
                            e.getIn().setBody(CsvGenerator.part(part, e.getIn().getHeader(PART_BYTES_HEADER, Long.class), sink));
                        })
                        .to("keboola:?operation=uploadSlice&columns=" + String.join(",", CsvGenerator.COLUMNS) + "&"
                                + Stacks.endpointOptions(stack))
                        .process(e -> {
                            Sink sink = e.getProperty("partSink", Sink.class);
                            Map<String, Object> slice = new LinkedHashMap<String, Object>(e.getMessage().getMandatoryBody(Map.class));
                            slice.put("csvBytes", sink.bytes());
                            slice.put("digest", sink.digest());
                            handled.incrementAndGet();
                            e.getMessage().setBody(slice);
                        });
            }
        };
    }

    private static void skipLine(InputStream in) throws IOException {
        for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
            // the header row
        }
    }
}
