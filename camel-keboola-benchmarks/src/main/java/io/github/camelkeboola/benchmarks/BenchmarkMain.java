package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * Runs every contender ({@link BenchmarkWorker#SCENARIOS}) at each size against a fresh embedded emulator (aws
 * flavour), each in a child JVM capped at {@code -Xmx} (default 256m), and writes the table, the ratios and the chart.
 *
 * With {@code --small}, also the {@link SmallOperations} (in this JVM).
 *
 * <pre>BenchmarkMain [--sizes 100m,1g|none] [--small] [--xmx 256m] [--report results.json] [--chart chart.png] [--readme README.md]
 *               [--only name,name] [--verify] [--slice-rows n] [--jvm-arg arg ({scenario} is replaced)]
 * BenchmarkMain --render results.json [--chart chart.png] [--readme README.md]</pre>
 */
public final class BenchmarkMain {

    private BenchmarkMain() {
    }

    /** How a run is made. */
    record Options(List<Long> sizes, String xmx, List<String> only, boolean verify, int sliceRows, List<String> jvmArgs) {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(parseSize("100m"), parseSize("1g"));
        String xmx = "256m";
        List<String> only = List.copyOf(BenchmarkWorker.names());
        boolean verify = false;
        boolean small = false;
        int sliceRows = 100_000;
        List<String> jvmArgs = new ArrayList<>();
        Path report = null;
        Path chart = null;
        Path readme = null;
        Path render = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes", "--size" -> sizes = "none".equals(args[++i]) ? List.of()
                        : List.of(args[i].split(",")).stream().map(BenchmarkMain::parseSize).toList();
                case "--small" -> small = true;
                case "--xmx" -> xmx = args[++i];
                case "--only" -> only = List.of(args[++i].split(","));
                case "--verify" -> verify = true;
                case "--slice-rows" -> sliceRows = Integer.parseInt(args[++i]);
                case "--jvm-arg" -> jvmArgs.add(args[++i]); // e.g. -XX:StartFlightRecording=filename=x.jfr,settings=profile
                case "--report" -> report = Path.of(args[++i]);
                case "--chart" -> chart = Path.of(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                case "--render" -> render = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; use --sizes 100m,1g|none --small --xmx 256m "
                        + "--only a,b --verify --slice-rows n --report f.json --chart f.png --readme README.md, or --render f.json");
            }
        }
        JsonNode results = render != null ? new ObjectMapper().readTree(render.toFile())
                : run(new Options(sizes, xmx, only, verify, sliceRows, jvmArgs), System.out);
        if (small && render == null) {
            System.out.printf(Locale.ROOT, "running the small operations (load %s)%n", Machine.load());
            ((ObjectNode) results).set("small", SmallOperations.run());
        }
        if (report != null && render == null) {
            Files.writeString(report, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
        String text = Report.text(results);
        System.out.println(text);
        if (chart != null) {
            Chart.write(results, chart);
        }
        if (readme != null) {
            Report.intoReadme(readme, text);
        }
    }

    /**
     * Every contender at every size: {@code {"machine": {...}, "sizes": {"<bytes>": {"<contender>": result}}}}. One
     * fresh emulator per size, so each size's exports read a table of that size.
     */
    static ObjectNode run(Options options, PrintStream log) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode all = json.createObjectNode();
        all.set("machine", Machine.describe(options.xmx()));
        ObjectNode bySize = all.putObject("sizes");
        Path logs = Files.createTempDirectory("keboola-bench-");
        for (long size : options.sizes()) {
            ObjectNode results = bySize.putObject(Long.toString(size));
            try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").sliceRows(options.sliceRows()).start()) {
                for (String scenario : BenchmarkWorker.names()) {
                    if (!options.only().contains(scenario) && !scenario.equals("limit-import")) {
                        continue; // the limit import always runs: the exports read its table
                    }
                    log.printf(Locale.ROOT, "running %s (%s, -Xmx%s, load %s)%n", scenario, human(size), options.xmx(), Machine.load());
                    results.set(scenario, runChild(scenario, size, options, emulator, logs.resolve(scenario + ".log"), Map.of()));
                }
            }
            ((ObjectNode) all.get("machine")).put("loadAfter" + human(size).replace(" ", ""), Machine.load());
        }
        deleteLogs(logs);
        return all;
    }

    /** The children's output is kept only when one of them failed (the exception names the file). */
    static void deleteLogs(Path logs) throws IOException {
        try (var files = Files.list(logs)) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        Files.delete(logs);
    }

    /** {@code scenario} in a child JVM ({@link BenchmarkWorker}), {@code env} added to its environment; its RESULT. */
    static JsonNode runChild(String scenario, long size, Options options, KeboolaEmulator emulator, Path logFile,
                             Map<String, String> env) throws Exception {
        List<String> arguments = new ArrayList<>(List.of(scenario, String.valueOf(size), emulator.baseUrl()));
        if (options.verify()) {
            arguments.add("verify");
        }
        Process process = child(BenchmarkWorker.class, arguments, scenario, options, emulator, env).start();
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

    /** A JVM capped at the run's {@code -Xmx} running {@code main} with this classpath, the token in its environment. */
    static ProcessBuilder child(Class<?> main, List<String> arguments, String scenario, Options options, KeboolaEmulator emulator,
                                Map<String, String> env) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx" + options.xmx()));
        options.jvmArgs().forEach(arg -> command.add(arg.replace("{scenario}", scenario)));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(BenchmarkWorker.TOKEN_ENV, emulator.token());
        // S3-compatible stores other than AWS take checksums only when S3 requires them (AWS SDK 2.30+ sends them always).
        builder.environment().put("AWS_REQUEST_CHECKSUM_CALCULATION", "when_required");
        builder.environment().put("AWS_RESPONSE_CHECKSUM_VALIDATION", "when_required");
        builder.environment().putAll(env);
        return builder;
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

    static String human(long bytes) {
        return bytes >= 1 << 30 && bytes % (1 << 30) == 0 ? bytes / (1 << 30) + " GiB" : bytes / (1 << 20) + " MiB";
    }
}
