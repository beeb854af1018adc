package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The benchmark at a smoke size: every scenario runs in its capped child JVM and moves all the bytes. */
class BenchmarkSmokeTest {

    private static final long SIZE = 2L * 1024 * 1024;

    @Test
    void everyScenarioMovesTheWholeTableInACappedJvm() throws Exception {
        Map<String, JsonNode> results = BenchmarkMain.run(SIZE, "256m", new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(BenchmarkMain.ORDER, results.keySet().stream().toList());
        for (JsonNode result : results.values()) {
            assertTrue(result.path("csvBytes").asLong() >= SIZE, result.toString());
            assertTrue(result.path("seconds").asDouble() > 0, result.toString());
            assertTrue(result.path("maxHeapBytes").asLong() <= 256L * 1024 * 1024, result.toString());
        }
        // The export gives back exactly what the import sent: same header, same quoted values.
        assertEquals(results.get("component-import").path("csvBytes").asLong(), results.get("component-export").path("csvBytes").asLong());
        assertEquals(results.get("baseline-import").path("csvBytes").asLong(), results.get("baseline-export").path("csvBytes").asLong());
        String report = BenchmarkMain.report(results);
        assertTrue(report.contains("import component/baseline: throughput") && report.contains("export component/baseline: throughput"), report);
    }

    @Test
    void sizesParseWithUnits() {
        assertEquals(1L << 30, BenchmarkMain.parseSize("1g"));
        assertEquals(64L << 20, BenchmarkMain.parseSize("64M"));
        assertEquals(1000, BenchmarkMain.parseSize("1000"));
    }

    @Test
    void generatorStopsAtARowBoundaryPastTheTarget() throws Exception {
        CsvGenerator csv = new CsvGenerator(10_000);
        String text = new String(csv.readAllBytes(), StandardCharsets.UTF_8);

        assertTrue(text.startsWith("\"id\",\"name\",\"city\",\"amount\",\"note\"\n"));
        assertTrue(text.length() >= 10_000 && text.endsWith("\"\n"));
        assertEquals(text.length(), csv.produced());
    }
}
