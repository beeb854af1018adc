package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One scenario in this (child) JVM: {@code BenchmarkWorker <scenario> <bytes> <stackUrl> [verify]}, token in
 * {@code KEBOOLA_BENCH_TOKEN}. Prints one line {@code RESULT {json}} with what it moved, how long it took, its peak
 * memory and the server-side duration of its Storage job. With {@code verify} the sink digests every line and an
 * import's table is exported again (untimed) so its stored content can be compared.
 */
public final class BenchmarkWorker {

    /** Every contender, in the order they run: the exports read the table the limit import created. */
    static final Map<String, Supplier<Scenario>> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("limit-import", LimitImport::new);
        SCENARIOS.put("component-import-file", () -> new ComponentImport("component-import-file", ComponentImport.Body.FILE));
        SCENARIOS.put("component-import-stream", () -> new ComponentImport("component-import-stream", ComponentImport.Body.STREAM));
        SCENARIOS.put("component-import-rows", () -> new ComponentImport("component-import-rows", ComponentImport.Body.ROWS));
        SCENARIOS.put("hand-rolled-import", () -> new HandRolled(false));
        SCENARIOS.put("limit-export", LimitExport::new);
        SCENARIOS.put("component-export-stream", () -> new ComponentExport(false));
        SCENARIOS.put("component-export-rows", () -> new ComponentExport(true));
        SCENARIOS.put("hand-rolled-export", () -> new HandRolled(true));
    }

    /** The coordinators of the distributed runs ({@link WorkersBenchmark}); their workers run in JVMs of their own. */
    static final Map<String, Supplier<Scenario>> DISTRIBUTED = Map.of(
            "workers-export", () -> new DistributedExport(System.getenv(WorkersBenchmark.BROKER_ENV)),
            "workers-import", () -> new DistributedImport(System.getenv(WorkersBenchmark.BROKER_ENV),
                    Integer.parseInt(System.getenv(WorkersBenchmark.PARTS_ENV))));

    static final String TOKEN_ENV = "KEBOOLA_BENCH_TOKEN";
    private static final DateTimeFormatter KEBOOLA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX]");

    private BenchmarkWorker() {
    }

    public static void main(String[] args) throws Exception {
        String name = args[0];
        Scenario scenario = SCENARIOS.getOrDefault(name, DISTRIBUTED.get(name)).get();
        long bytes = Long.parseLong(args[1]);
        Scenario.Stack stack = new Scenario.Stack(args[2], System.getenv(TOKEN_ENV));
        boolean verify = args.length > 3 && "verify".equals(args[3]);
        Sink sink = new Sink(verify);
        scenario.prepare(stack, bytes, sink);
        Scenario.Moved moved;
        long nanos;
        long heapPeak;
        double cpu;
        try (PeakMemory memory = new PeakMemory()) {
            double cpuBefore = Machine.cpuSeconds();
            long start = System.nanoTime();
            moved = scenario.run(stack, bytes, sink);
            nanos = System.nanoTime() - start;
            cpu = Machine.cpuSeconds() - cpuBefore;
            memory.close();
            heapPeak = memory.heapPeakBytes();
        }
        ObjectNode result = new ObjectMapper().createObjectNode()
                .put("scenario", name)
                .put("csvBytes", moved.csvBytes())
                .put("digest", moved.digest())
                .put("seconds", nanos / 1e9)
                .put("cpuSeconds", cpu)
                .put("heapPeakBytes", heapPeak)
                .put("rssPeakBytes", PeakMemory.residentPeakBytes())
                .put("maxHeapBytes", Runtime.getRuntime().maxMemory())
                .put("jobSeconds", jobSeconds(stack, moved.jobId()));
        scenario.describe(result);
        if (verify && name.endsWith("-import")) {
            Sink stored = stored(stack, Scenario.BUCKET + "." + Scenario.importTable(name));
            result.put("storedBytes", stored.bytes()).put("storedDigest", stored.digest());
        }
        System.out.println("RESULT " + result);
    }

    /** What a table holds, exported the limit's way (header from the table's columns). */
    private static Sink stored(Scenario.Stack stack, String tableId) throws Exception {
        try (HttpStorageApi api = Stacks.api(stack)) {
            JsonNode job = api.waitForJob(api.exportAsync(tableId, Map.of("gzip", true)), Duration.ofMinutes(5));
            Sink sink = new Sink(true);
            sink.write(CsvGenerator.line(LimitExport.columns(api.getTable(tableId))));
            LimitExport.fetch(api.getFile(job.path("results").path("file").path("id").asLong()), sink);
            return sink;
        }
    }

    /** How long the Storage job ran on the server (its start to end time), or -1 when unknown. */
    private static double jobSeconds(Scenario.Stack stack, long jobId) {
        if (jobId <= 0) {
            return -1;
        }
        try (HttpStorageApi api = Stacks.api(stack)) {
            JsonNode job = api.getJob(jobId);
            OffsetDateTime start = OffsetDateTime.parse(job.path("startTime").asText(), KEBOOLA_TIME);
            OffsetDateTime end = OffsetDateTime.parse(job.path("endTime").asText(), KEBOOLA_TIME);
            return Duration.between(start, end).toMillis() / 1000.0;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    static Set<String> names() {
        return SCENARIOS.keySet();
    }
}
