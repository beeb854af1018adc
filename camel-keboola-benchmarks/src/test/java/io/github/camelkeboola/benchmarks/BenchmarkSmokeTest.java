package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The benchmark at a smoke size, so it cannot rot: every contender runs in its capped child JVM, and each moved
 * exactly the same bytes (same count, same order-independent line digest), the imports as stored in their tables.
 */
class BenchmarkSmokeTest {

    private static final long SIZE = 3L * 1024 * 1024;

    @Test
    void everyContenderMovesExactlyTheSameBytes(@TempDir Path dir) throws Exception {
        // Small slices: the exports have several, as the large runs do.
        JsonNode all = BenchmarkMain.run(new BenchmarkMain.Options(List.of(SIZE), "256m", List.copyOf(BenchmarkWorker.names()), true, 4000, List.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JsonNode results = all.path("sizes").path(Long.toString(SIZE));

        List<String> ran = new ArrayList<>();
        results.fieldNames().forEachRemaining(ran::add);
        assertEquals(List.copyOf(BenchmarkWorker.names()), ran);
        JsonNode reference = results.get("limit-import");
        long bytes = reference.path("csvBytes").asLong();
        long digest = reference.path("digest").asLong();
        assertTrue(bytes >= SIZE, reference.toString());
        assertNotEquals(0, digest, reference.toString());
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) results::fields) {
            JsonNode r = e.getValue();
            assertEquals(bytes, r.path("csvBytes").asLong(), e.getKey() + " " + r);
            assertEquals(digest, r.path("digest").asLong(), e.getKey() + " " + r);
            if (e.getKey().endsWith("-import")) {
                assertEquals(bytes, r.path("storedBytes").asLong(), e.getKey() + " stored " + r);
                assertEquals(digest, r.path("storedDigest").asLong(), e.getKey() + " stored " + r);
            }
            assertTrue(r.path("seconds").asDouble() > 0 && r.path("jobSeconds").asDouble() >= 0, e.getKey() + " " + r);
            assertTrue(r.path("maxHeapBytes").asLong() <= 256L * 1024 * 1024, e.getKey() + " " + r);
        }

        String report = Report.text(all);
        assertTrue(report.contains("component-export-rows    / hand-rolled-export"), report);
        assertTrue(report.contains("component-import-file    / limit-import"), report);
        Path chart = dir.resolve("chart.png");
        Chart.write(all, chart);
        assertTrue(Files.size(chart) > 1000);
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "before\n" + Report.BEGIN + "\nold\n" + Report.END + "\nafter\n");
        Report.intoReadme(readme, report);
        String written = Files.readString(readme);
        assertTrue(written.startsWith("before\n") && written.endsWith(Report.END + "\nafter\n") && written.contains(report)
                && !written.contains("old"), written);
    }

    @Test
    void workersTogetherMoveExactlyTheTableAndTheLoad() throws Exception {
        int parts = 4;
        JsonNode all = WorkersBenchmark.run(new WorkersBenchmark.Options(
                        new BenchmarkMain.Options(List.of(SIZE), "256m", List.of(), true, 4000, List.of()), List.of("1", "2x2"), parts),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        JsonNode results = all.path("sizes").path(Long.toString(SIZE));

        JsonNode table = results.get("limit-import");
        for (String export : List.of("component-export-stream", "workers-export-1", "workers-export-2x2")) {
            JsonNode r = results.get(export);
            assertEquals(table.path("csvBytes").asLong(), r.path("csvBytes").asLong(), export + " " + r);
            assertEquals(table.path("digest").asLong(), r.path("digest").asLong(), export + " " + r);
        }
        for (String workersSpec : List.of("1", "2x2")) {
            int workers = Integer.parseInt(workersSpec.substring(0, 1));
            JsonNode export = results.get("workers-export-" + workersSpec);
            JsonNode load = results.get("workers-import-" + workersSpec);
            assertTrue(export.path("slices").asInt() > 2, export.toString());
            assertEquals(export.path("slices").asInt(), handled(export, workers), export.toString());
            assertEquals(parts, handled(load, workers), load.toString());
            // the parts together: at least the size asked for, and the table holds exactly them
            assertTrue(load.path("csvBytes").asLong() >= SIZE, load.toString());
            assertEquals(load.path("csvBytes").asLong(), load.path("storedBytes").asLong(), load.toString());
            assertEquals(load.path("digest").asLong(), load.path("storedDigest").asLong(), load.toString());
            assertTrue(load.path("jobSeconds").asDouble() >= 0, load.toString());
        }

        String report = Report.workers(all);
        assertTrue(report.contains("workers-export-2x2") && report.contains("workers-import-2x2") && report.contains("x1 whole"), report);
        assertEquals(2, results.path("workers-import-2x2").path("consumers").asInt(), report);
    }

    /** Messages the run's workers handled together; every worker reported its result. */
    private static int handled(JsonNode run, int workers) {
        assertEquals(workers, run.path("perWorker").size(), run.toString());
        int handled = 0;
        for (JsonNode worker : run.path("perWorker")) {
            handled += worker.path("handled").asInt();
            assertTrue(worker.path("maxHeapBytes").asLong() <= 256L * 1024 * 1024, worker.toString());
        }
        return handled;
    }

    @Test
    void smallOperationsCountTheirStorageApiCalls() throws Exception {
        JsonNode small = SmallOperations.run();

        for (String op : List.of("import10", "export10", "preview")) {
            assertTrue(small.path(op).path("ms").asDouble() > 0 && small.path(op).path("apiCalls").asInt() > 0, small.toString());
        }
        assertEquals(1, small.path("preview").path("apiCalls").asInt(), small.toString());
        assertTrue(small.path("import10").path("jobPolls").asInt() >= 1 && small.path("import10").has("phpPolls"), small.toString());
        assertTrue(small.path("consumerIdlePoll").path("polls").asInt() >= 5, small.toString());
        assertTrue(small.path("consumerIdlePoll").path("callsPerPoll").asDouble() >= 1, small.toString());
        assertTrue(small.path("consumerLatency").path("commitToDeliveryMillis").asLong() >= 0, small.toString());
    }

    @Test
    void phpAndPythonPollSchedulesFromTheContract() {
        // PHP sleeps 2, 4, 8, 16, 20 s after an immediate first poll; Python 4, 8, 16, 20 s.
        assertEquals(0, SmallOperations.noticedAt(0, 1));
        assertEquals(2, SmallOperations.noticedAt(1.5, 1));
        assertEquals(14, SmallOperations.noticedAt(7, 1));
        assertEquals(4, SmallOperations.polls(7, 1));
        assertEquals(28, SmallOperations.noticedAt(13, 2));
        assertEquals(50, SmallOperations.noticedAt(31, 1));
    }

    @Test
    void sizesParseWithUnits() {
        assertEquals(1L << 30, BenchmarkMain.parseSize("1g"));
        assertEquals(100L << 20, BenchmarkMain.parseSize("100M"));
        assertEquals(1000, BenchmarkMain.parseSize("1000"));
    }

    @Test
    void generatorStopsAtARowBoundaryPastTheTargetAndRowsMatchTheStream() throws Exception {
        Sink streamed = new Sink(true);
        CsvGenerator csv = new CsvGenerator(10_000, streamed);
        String text = new String(csv.readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(text.startsWith("\"id\",\"name\",\"city\",\"amount\",\"status\",\"note\"\n"));
        assertTrue(csv.produced() >= 10_000 && text.endsWith("\"\n") && text.contains("\"\"") && text.contains("ň"));
        assertEquals(text.getBytes(StandardCharsets.UTF_8).length, csv.produced());
        assertEquals(csv.produced(), streamed.bytes());

        Sink rows = new Sink(true);
        new CsvGenerator(10_000, rows).rows().forEachRemaining(row -> { });
        assertEquals(streamed.bytes(), rows.bytes());
        assertEquals(streamed.digest(), rows.digest());
    }
}
