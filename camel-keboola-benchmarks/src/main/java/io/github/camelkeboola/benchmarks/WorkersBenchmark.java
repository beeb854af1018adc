package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Export and import spread over workers, as the guide's "Scaling out" routes do it: a coordinator JVM
 * ({@link DistributedExport}, {@link DistributedImport}) and 1, 2, 4... worker JVMs ({@link DistributedWorker}), each
 * capped at {@code -Xmx}, joined by an ActiveMQ Artemis broker on loopback TCP ({@link Broker}), against one embedded
 * emulator (aws flavour) per size. The workers are started and consuming before the coordinator's clock starts.
 * One-JVM references of the same run: {@code component-export-stream} (which also pays the export job, so that
 * every distributed export after it is answered from the same fresh file, as every export after the first is) and
 * {@code component-import-stream}.
 *
 * <pre>WorkersBenchmark [--sizes 100m] [--workers 1,2,4,1x4] [--parts 16] [--slice-rows 25000] [--xmx 256m] [--verify]
 *                  [--report workers.json] [--readme README.md]</pre>
 */
public final class WorkersBenchmark {

    static final String BROKER_ENV = "KEBOOLA_BENCH_BROKER";
    static final String PARTS_ENV = "KEBOOLA_BENCH_PARTS";
    private static final List<String> REFERENCES = List.of("limit-import", "component-export-stream", "component-import-stream");

    private WorkersBenchmark() {
    }

    /**
     * How a run is made: the child JVMs' options, the worker set-ups ({@code 2}: two worker JVMs of one consumer each;
     * {@code 1x4}: one worker JVM of four consumers), the parts of each import.
     */
    record Options(BenchmarkMain.Options child, List<String> workers, int parts) {
    }

    public static void main(String[] args) throws Exception {
        List<Long> sizes = List.of(BenchmarkMain.parseSize("100m"));
        List<String> workers = List.of("1", "2", "4", "1x4");
        int parts = 16;
        int sliceRows = 25_000;
        String xmx = "256m";
        boolean verify = false;
        Path report = null;
        Path readme = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sizes", "--size" -> sizes = List.of(args[++i].split(",")).stream().map(BenchmarkMain::parseSize).toList();
                case "--workers" -> workers = List.of(args[++i].split(","));
                case "--parts" -> parts = Integer.parseInt(args[++i]);
                case "--slice-rows" -> sliceRows = Integer.parseInt(args[++i]);
                case "--xmx" -> xmx = args[++i];
                case "--verify" -> verify = true;
                case "--report" -> report = Path.of(args[++i]);
                case "--readme" -> readme = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; use --sizes 100m --workers 1,2,4,1x4"
                        + " --parts 16 --slice-rows 25000 --xmx 256m --verify --report f.json --readme README.md");
            }
        }
        JsonNode results = run(new Options(new BenchmarkMain.Options(sizes, xmx, List.of(), verify, sliceRows, List.of()),
                workers, parts), System.out);
        if (report != null) {
            Files.writeString(report, new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(results));
        }
        String text = Report.workers(results);
        System.out.println(text);
        if (readme != null) {
            Report.intoReadme(readme, Report.WORKERS_BEGIN, Report.WORKERS_END, "\n```\n" + text + "```\n");
        }
    }

    /**
     * {@code {"machine": {...}, "sizes": {"<bytes>": {"<run>": result}}}}, runs named {@code workers-export-2} and so
     * on, each with {@code workers}, the per-worker results (messages handled, CPU time, peak memory) and the CPU time
     * this JVM (the emulator, its object store, the broker) used meanwhile ({@code stackCpuSeconds}).
     */
    static ObjectNode run(Options options, PrintStream log) throws Exception {
        ObjectNode all = new ObjectMapper().createObjectNode();
        BenchmarkMain.Options child = options.child();
        all.set("machine", Machine.describe(child.xmx()));
        ObjectNode bySize = all.putObject("sizes");
        Path logs = Files.createTempDirectory("keboola-bench-workers-");
        for (long size : child.sizes()) {
            ObjectNode results = bySize.putObject(Long.toString(size));
            try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").sliceRows(child.sliceRows()).start();
                 Broker broker = new Broker()) {
                Map<String, String> env = Map.of(BROKER_ENV, broker.url(), PARTS_ENV, Integer.toString(options.parts()));
                for (String reference : REFERENCES) {
                    log.printf(Locale.ROOT, "running %s (%s, load %s)%n", reference, BenchmarkMain.human(size), Machine.load());
                    double stackCpu = Machine.cpuSeconds();
                    ObjectNode result = (ObjectNode) BenchmarkMain.runChild(reference, size, child, emulator, logs.resolve(reference + ".log"), env);
                    results.set(reference, result.put("stackCpuSeconds", Machine.cpuSeconds() - stackCpu));
                }
                for (String op : List.of("export", "import")) {
                    for (String workers : options.workers()) {
                        String name = "workers-" + op + "-" + workers;
                        log.printf(Locale.ROOT, "running %s (%s, load %s)%n", name, BenchmarkMain.human(size), Machine.load());
                        String[] countAndConsumers = (workers + "x1").split("x");
                        results.set(name, withWorkers(op, Integer.parseInt(countAndConsumers[0]), Integer.parseInt(countAndConsumers[1]),
                                size, child, emulator, broker, env, logs.resolve(name + ".log")));
                    }
                }
            }
            ((ObjectNode) all.get("machine")).put("loadAfter" + BenchmarkMain.human(size).replace(" ", ""), Machine.load());
        }
        BenchmarkMain.deleteLogs(logs);
        return all;
    }

    private static JsonNode withWorkers(String op, int count, int consumers, long size, BenchmarkMain.Options options,
                                        KeboolaEmulator emulator, Broker broker, Map<String, String> env, Path log) throws Exception {
        List<Worker> workers = new ArrayList<>();
        ObjectNode result;
        try {
            for (int i = 1; i <= count; i++) {
                List<String> arguments = new ArrayList<>(List.of(op, emulator.baseUrl(), broker.url(), Integer.toString(consumers)));
                if (options.verify()) {
                    arguments.add("verify");
                }
                String name = "worker-" + i;
                workers.add(new Worker(BenchmarkMain.child(DistributedWorker.class, arguments, name, options, emulator, Map.of()).start(),
                        log.resolveSibling(log.getFileName() + "." + name)));
            }
            for (Worker worker : workers) {
                worker.awaitReady();
            }
            double stackCpu = Machine.cpuSeconds();
            result = (ObjectNode) BenchmarkMain.runChild("workers-" + op, size, options, emulator, log, env);
            result.put("stackCpuSeconds", Machine.cpuSeconds() - stackCpu);
        } finally {
            workers.forEach(Worker::stop);
        }
        ArrayNode perWorker = result.put("workers", count).put("consumers", consumers).putArray("perWorker");
        for (Worker worker : workers) {
            perWorker.add(worker.result());
        }
        return result;
    }

    /** A worker JVM: ready once it prints READY; ends, printing its RESULT, when its standard input closes. */
    private static final class Worker {

        private static final long READY_SECONDS = 120;

        private final Process process;
        private final Path logFile;
        private final List<String> output = Collections.synchronizedList(new ArrayList<>());
        private final CountDownLatch ready = new CountDownLatch(1);
        private final AtomicReference<JsonNode> result = new AtomicReference<>();
        private final Thread reader;

        Worker(Process process, Path logFile) {
            this.process = process;
            this.logFile = logFile;
            this.reader = new Thread(this::read, "worker-output");
            reader.setDaemon(true);
            reader.start();
        }

        private void read() {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = out.readLine()) != null; ) {
                    if (line.equals("READY")) {
                        ready.countDown();
                    } else if (line.startsWith("RESULT ")) {
                        result.set(new ObjectMapper().readTree(line.substring("RESULT ".length())));
                    } else {
                        output.add(line);
                    }
                }
            } catch (IOException e) {
                output.add("reading the worker's output failed: " + e);
            } finally {
                ready.countDown(); // a worker that died is not waited for
            }
        }

        void awaitReady() throws Exception {
            if (!ready.await(READY_SECONDS, TimeUnit.SECONDS) || !process.isAlive()) {
                throw failed("did not start consuming within " + READY_SECONDS + " s");
            }
        }

        void stop() {
            try {
                process.getOutputStream().close();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
                reader.join(TimeUnit.SECONDS.toMillis(10));
            } catch (IOException e) {
                process.destroyForcibly();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }

        JsonNode result() throws IOException {
            if (result.get() == null) {
                throw failed("ended without a RESULT (exit " + process.exitValue() + ")");
            }
            return result.get();
        }

        private IOException failed(String what) throws IOException {
            List<String> lines;
            synchronized (output) {
                lines = new ArrayList<>(output);
            }
            Files.write(logFile, lines);
            return new IOException("worker " + what + ", its output: " + logFile + "\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())));
        }
    }
}
