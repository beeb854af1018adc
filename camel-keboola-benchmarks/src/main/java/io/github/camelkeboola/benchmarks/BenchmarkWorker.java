package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One scenario in this (child) JVM: {@code BenchmarkWorker <scenario> <bytes> <stackUrl>}, token in
 * {@code KEBOOLA_BENCH_TOKEN}. Prints one line {@code RESULT {json}} with what it moved, how long it took, its peak
 * memory and the server-side duration of its Storage job.
 */
public final class BenchmarkWorker {

    static final Map<String, Scenario> SCENARIOS = Map.of(
            "baseline-import", new BaselineImport(),
            "component-import", new ComponentImport(),
            "baseline-export", new BaselineExport(),
            "component-export", new ComponentExport());
    static final String TOKEN_ENV = "KEBOOLA_BENCH_TOKEN";
    private static final DateTimeFormatter KEBOOLA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss[.SSS][XXX][XX]");

    private BenchmarkWorker() {
    }

    public static void main(String[] args) throws Exception {
        Scenario scenario = SCENARIOS.get(args[0]);
        long bytes = Long.parseLong(args[1]);
        Scenario.Stack stack = new Scenario.Stack(args[2], System.getenv(TOKEN_ENV));
        Scenario.Moved moved;
        long nanos;
        long heapPeak;
        try (PeakMemory memory = new PeakMemory()) {
            long start = System.nanoTime();
            moved = scenario.run(stack, bytes);
            nanos = System.nanoTime() - start;
            memory.close();
            heapPeak = memory.heapPeakBytes();
        }
        ObjectNode result = new ObjectMapper().createObjectNode()
                .put("scenario", args[0])
                .put("csvBytes", moved.csvBytes())
                .put("seconds", nanos / 1e9)
                .put("heapPeakBytes", heapPeak)
                .put("rssPeakBytes", PeakMemory.residentPeakBytes())
                .put("maxHeapBytes", Runtime.getRuntime().maxMemory())
                .put("jobSeconds", jobSeconds(stack, moved.jobId()));
        System.out.println("RESULT " + result);
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
}
