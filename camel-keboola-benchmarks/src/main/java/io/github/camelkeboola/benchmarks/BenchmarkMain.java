package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.emulator.KeboolaEmulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Measures table import and export through the component against the embedded emulator, each scenario in a child
 * JVM capped at {@code -Xmx} (default 256m), and reports throughput and peak memory as ratios to a baseline measured
 * in the same run: the same bytes moved with plain signed HTTP requests (gzip file, one PUT; one GET per slice).
 *
 * <pre>BenchmarkMain [--size 1g] [--xmx 256m] [--report file.json]</pre>
 */
public final class BenchmarkMain {

    /** Order matters: each export reads the table its import created. */
    static final List<String> ORDER = List.of("baseline-import", "component-import", "baseline-export", "component-export");

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        long size = parseSize("1g");
        String xmx = "256m";
        Path report = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = parseSize(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--report" -> report = Path.of(args[++i]);
                case "--render" -> {
                    // Prints the table of an earlier run's --report file.
                    Map<String, JsonNode> saved = new LinkedHashMap<>();
                    new ObjectMapper().readTree(Path.of(args[++i]).toFile()).fields().forEachRemaining(f -> saved.put(f.getKey(), f.getValue()));
                    System.out.println(report(saved));
                    return;
                }
                default -> throw new IllegalArgumentException("Unknown argument " + args[i]
                        + "; use --size 1g --xmx 256m --report file.json, or --render file.json");
            }
        }
        Map<String, JsonNode> results = run(size, xmx, System.out);
        String text = report(results);
        System.out.println(text);
        if (report != null) {
            Files.writeString(report, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
    }

    /** Runs every scenario against one fresh emulator; returns each scenario's result. */
    static Map<String, JsonNode> run(long size, String xmx, PrintStream log) throws Exception {
        Map<String, JsonNode> results = new LinkedHashMap<>();
        Path logs = Files.createTempDirectory("keboola-bench-");
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").start()) {
            for (String scenario : ORDER) {
                log.printf(Locale.ROOT, "running %s (%s, -Xmx%s)%n", scenario, human(size), xmx);
                results.put(scenario, runChild(scenario, size, xmx, emulator, logs.resolve(scenario + ".log")));
            }
        }
        // The children's output is kept only when one of them failed (the exception names the file).
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(logs);
        return results;
    }

    private static JsonNode runChild(String scenario, long size, String xmx, KeboolaEmulator emulator, Path logFile) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx" + xmx, "-cp", System.getProperty("java.class.path"),
                BenchmarkWorker.class.getName(), scenario, String.valueOf(size), emulator.baseUrl())
                .redirectErrorStream(true);
        builder.environment().put(BenchmarkWorker.TOKEN_ENV, emulator.token());
        Process process = builder.start();
        JsonNode result = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("RESULT ")) {
                    result = new ObjectMapper().readTree(line.substring("RESULT ".length()));
                } else {
                    output.add(line);
                }
            }
        }
        int exit = process.waitFor();
        Files.write(logFile, output);
        if (exit != 0 || result == null) {
            throw new IOException(scenario + " failed (exit " + exit + "), its output: " + logFile + "\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 40), output.size())));
        }
        return result;
    }

    /**
     * The table of results and the ratios. "client s" is the run less the Storage job's own server time, i.e. what the
     * client spent moving data and waiting on polls: the part the component is responsible for.
     */
    static String report(Map<String, JsonNode> results) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%-18s %9s %9s %8s %9s %8s %12s %12s%n",
                "scenario", "CSV MB", "total s", "MB/s", "client s", "job s", "heap peak MB", "RSS peak MB"));
        results.forEach((name, r) -> text.append(String.format(Locale.ROOT, "%-18s %9.1f %9.2f %8.1f %9.2f %8.2f %12.1f %12.1f%n",
                name, mb(r.path("csvBytes").asLong()), r.path("seconds").asDouble(), throughput(r), clientSeconds(r),
                r.path("jobSeconds").asDouble(), mb(r.path("heapPeakBytes").asLong()), mb(r.path("rssPeakBytes").asLong()))));
        for (String op : List.of("import", "export")) {
            JsonNode component = results.get("component-" + op);
            JsonNode baseline = results.get("baseline-" + op);
            if (component != null && baseline != null) {
                text.append(String.format(Locale.ROOT,
                        "%s component/baseline: throughput %.2f, client-side throughput %.2f, heap peak %.2f, RSS peak %.2f%n", op,
                        throughput(component) / throughput(baseline), clientSeconds(baseline) / clientSeconds(component),
                        component.path("heapPeakBytes").asDouble() / baseline.path("heapPeakBytes").asDouble(),
                        component.path("rssPeakBytes").asDouble() / baseline.path("rssPeakBytes").asDouble()));
            }
        }
        return text.toString();
    }

    static double throughput(JsonNode result) {
        return mb(result.path("csvBytes").asLong()) / result.path("seconds").asDouble();
    }

    private static double clientSeconds(JsonNode result) {
        double job = result.path("jobSeconds").asDouble();
        return result.path("seconds").asDouble() - Math.max(0, job);
    }

    private static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }

    static long parseSize(String size) {
        String s = size.strip().toLowerCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'k' -> 1024L;
            case 'm' -> 1024L * 1024;
            case 'g' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static String human(long bytes) {
        return bytes >= 1 << 30 ? bytes / (1 << 30) + " GiB" : bytes / (1 << 20) + " MiB";
    }
}
