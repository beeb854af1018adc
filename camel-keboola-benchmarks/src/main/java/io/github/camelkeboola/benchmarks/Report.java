package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The table of a run: per size every contender's time, throughput (whole, and client-side: less the Storage job's
 * own server time) and peak memory; the ratios of each component contender to the limit and to the hand-rolled
 * route of the same run; the growth of peak heap from the smallest size to the largest.
 */
final class Report {

    static final String BEGIN = "<!-- results:begin (written by run.sh) -->";
    static final String END = "<!-- results:end -->";
    static final String WORKERS_BEGIN = "<!-- workers:begin (written by run.sh workers) -->";
    static final String WORKERS_END = "<!-- workers:end -->";

    private Report() {
    }

    static String text(JsonNode all) {
        StringBuilder text = new StringBuilder(machine(all.path("machine")));
        JsonNode machine = all.path("machine");
        for (Iterator<Map.Entry<String, JsonNode>> it = all.path("sizes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> size = it.next();
            String label = BenchmarkMain.human(Long.parseLong(size.getKey()));
            text.append(String.format(Locale.ROOT, "%n== %s (load average after: %s)%n", label,
                    machine.path("loadAfter" + label.replace(" ", "")).asText("?")));
            text.append(String.format(Locale.ROOT, "%-24s %8s %8s %7s %9s %11s %7s %8s %7s%n",
                    "contender", "CSV MB", "total s", "MB/s", "client s", "client MB/s", "job s", "heap MB", "RSS MB"));
            size.getValue().fields().forEachRemaining(e -> {
                JsonNode r = e.getValue();
                text.append(String.format(Locale.ROOT, "%-24s %8.1f %8.2f %7.1f %9.2f %11.1f %7.2f %8.1f %7.1f%n",
                        e.getKey(), mb(r.path("csvBytes").asLong()), r.path("seconds").asDouble(), throughput(r),
                        clientSeconds(r), clientThroughput(r), r.path("jobSeconds").asDouble(),
                        mb(r.path("heapPeakBytes").asLong()), mb(r.path("rssPeakBytes").asLong())));
            });
            text.append("ratios (client-side throughput, whole throughput, heap peak, RSS peak):\n");
            for (String op : List.of("import", "export")) {
                size.getValue().fields().forEachRemaining(e -> {
                    if (e.getKey().startsWith("component-" + op)) {
                        for (String other : List.of("limit-" + op, "hand-rolled-" + op)) {
                            JsonNode o = size.getValue().get(other);
                            if (o != null) {
                                text.append(String.format(Locale.ROOT, "  %-24s / %-19s client %5.2f  whole %5.2f  heap %5.2f  RSS %5.2f%n",
                                        e.getKey(), other, clientThroughput(e.getValue()) / clientThroughput(o),
                                        throughput(e.getValue()) / throughput(o), ratio(e.getValue(), o, "heapPeakBytes"),
                                        ratio(e.getValue(), o, "rssPeakBytes")));
                            }
                        }
                    }
                });
            }
        }
        text.append(heapGrowth(all));
        text.append(small(all.path("small")));
        return text.toString();
    }

    private static String machine(JsonNode machine) {
        return String.format(Locale.ROOT, "%s, %d cores (%s), %s, -Xmx%s; load average before: %s%n",
                machine.path("date").asText(), machine.path("cores").asInt(), machine.path("cpu").asText(),
                machine.path("java").asText(), machine.path("xmx").asText(), machine.path("loadBefore").asText());
    }

    /**
     * The distributed runs ({@link WorkersBenchmark}): per size the one-JVM references and each worker count's time,
     * throughput, the cores busy on average (CPU time of every process of the run, the emulator's included, over the
     * run's time), the coordinator's and the largest worker's peak heap, the messages each worker handled, and the
     * throughput as a ratio to one worker (whole and client-side).
     */
    static String workers(JsonNode all) {
        StringBuilder text = new StringBuilder(machine(all.path("machine")));
        for (Iterator<Map.Entry<String, JsonNode>> it = all.path("sizes").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> size = it.next();
            JsonNode runs = size.getValue();
            String label = BenchmarkMain.human(Long.parseLong(size.getKey()));
            text.append(String.format(Locale.ROOT, "%n== %s: export of %d slices, import of %d parts (load average after: %s)%n", label,
                    runs.path("workers-export-1").path("slices").asInt(), runs.path("workers-import-1").path("parts").asInt(),
                    all.path("machine").path("loadAfter" + label.replace(" ", "")).asText("?")));
            text.append(String.format(Locale.ROOT, "%-24s %7s %8s %7s %9s %11s %7s %6s %8s %10s %8s %9s  %s%n", "run", "workers", "total s",
                    "MB/s", "client s", "client MB/s", "job s", "cores", "heap MB", "worker MB", "x1 whole", "x1 client", "messages per worker"));
            runs.fields().forEachRemaining(e -> {
                JsonNode r = e.getValue();
                if (e.getKey().startsWith("limit-")) {
                    return; // the table the exports read
                }
                JsonNode one = e.getKey().startsWith("workers-") ? runs.path(e.getKey().replaceAll("-[0-9x]+$", "-1")) : null;
                List<String> handled = new ArrayList<>();
                long workerHeap = 0;
                double cpu = r.path("cpuSeconds").asDouble() + r.path("stackCpuSeconds").asDouble();
                for (JsonNode worker : r.path("perWorker")) {
                    handled.add(worker.path("handled").asText());
                    workerHeap = Math.max(workerHeap, worker.path("heapPeakBytes").asLong());
                    cpu += worker.path("cpuSeconds").asDouble();
                }
                text.append(String.format(Locale.ROOT, "%-24s %7s %8.2f %7.1f %9.2f %11.1f %7.2f %6.2f %8.1f %10s %8s %9s  %s%n", e.getKey(),
                        workersOf(r), r.path("seconds").asDouble(), throughput(r),
                        clientSeconds(r), clientThroughput(r), r.path("jobSeconds").asDouble(), cpu / r.path("seconds").asDouble(),
                        mb(r.path("heapPeakBytes").asLong()),
                        one == null ? "-" : String.format(Locale.ROOT, "%.1f", mb(workerHeap)),
                        one == null || one.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.2f", throughput(r) / throughput(one)),
                        one == null || one.isMissingNode() ? "-" : String.format(Locale.ROOT, "%.2f", clientThroughput(r) / clientThroughput(one)),
                        String.join(" ", handled)));
            });
        }
        return text.toString();
    }

    /** How many worker JVMs ({@code 2}), with how many consumers each when more than one ({@code 1x4}). */
    private static String workersOf(JsonNode run) {
        if (!run.has("workers")) {
            return "(1 JVM)";
        }
        int consumers = run.path("consumers").asInt(1);
        return run.path("workers").asText() + (consumers > 1 ? "x" + consumers : "");
    }

    /** Peak heap at the largest size less at the smallest, per contender. */
    private static String heapGrowth(JsonNode all) {
        List<String> sizes = new ArrayList<>();
        all.path("sizes").fieldNames().forEachRemaining(sizes::add);
        if (sizes.size() < 2) {
            return "";
        }
        JsonNode small = all.path("sizes").path(sizes.get(0));
        JsonNode large = all.path("sizes").path(sizes.get(sizes.size() - 1));
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nheap peak growth %s -> %s (MB):%n",
                BenchmarkMain.human(Long.parseLong(sizes.get(0))), BenchmarkMain.human(Long.parseLong(sizes.get(sizes.size() - 1)))));
        small.fieldNames().forEachRemaining(name -> {
            if (large.has(name)) {
                text.append(String.format(Locale.ROOT, "  %-24s %+8.1f%n", name,
                        mb(large.get(name).path("heapPeakBytes").asLong() - small.get(name).path("heapPeakBytes").asLong())));
            }
        });
        return text.toString();
    }

    /** The small operations: the component with its default job polling, Storage API calls counted by a proxy. */
    private static String small(JsonNode small) {
        if (small.isMissingNode()) {
            return "";
        }
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%nsmall operations (default job polling; PHP/Python: when their poll"
                + " schedule, contract §9, would see the same job done):%n%-10s %8s %6s %6s %7s %14s %17s  %s%n",
                "operation", "wall ms", "calls", "polls", "job s", "PHP polls/s", "Python polls/s", "calls"));
        for (String op : List.of("import10", "export10", "preview")) {
            JsonNode r = small.path(op);
            text.append(String.format(Locale.ROOT, "%-10s %8.0f %6d %6d %7s %14s %17s  %s%n", op, r.path("ms").asDouble(),
                    r.path("apiCalls").asInt(), r.path("jobPolls").asInt(), r.has("jobSeconds") ? r.path("jobSeconds").asText() : "-",
                    r.has("phpPolls") ? r.path("phpPolls").asInt() + " / " + r.path("phpNoticesAfterSeconds").asDouble() : "-",
                    r.has("pythonPolls") ? r.path("pythonPolls").asInt() + " / " + r.path("pythonNoticesAfterSeconds").asDouble() : "-",
                    r.path("calls").asText()));
        }
        JsonNode idle = small.path("consumerIdlePoll");
        JsonNode latency = small.path("consumerLatency");
        text.append(String.format(Locale.ROOT, "consumer idle poll: %.1f Storage API calls, %.1f ms per poll (%s over %d polls)%n",
                idle.path("callsPerPoll").asDouble(), idle.path("msPerPoll").asDouble(), idle.path("calls").asText(), idle.path("polls").asInt()));
        text.append(String.format(Locale.ROOT, "consumer latency (delay=%d ms): import commit -> first row delivered %d ms;"
                + " import call returned -> delivered %d ms%n", latency.path("delayMillis").asLong(),
                latency.path("commitToDeliveryMillis").asLong(), latency.path("importReturnedToDeliveryMillis").asLong()));
        return text.toString();
    }

    /** Replaces the part of the README between the markers with the table and the chart. */
    static void intoReadme(Path readme, String table) throws IOException {
        intoReadme(readme, BEGIN, END, "\n![time and heap against size](results/chart.png)\n\n```\n" + table + "```\n");
    }

    /** Replaces the part of the README between {@code begin} and {@code end} with {@code content}. */
    static void intoReadme(Path readme, String begin, String end, String content) throws IOException {
        String text = Files.readString(readme);
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IOException(readme + " has no " + begin + " ... " + end + " section for the results");
        }
        Files.writeString(readme, text.substring(0, from + begin.length()) + content + text.substring(to));
    }

    static double throughput(JsonNode r) {
        return mb(r.path("csvBytes").asLong()) / r.path("seconds").asDouble();
    }

    static double clientThroughput(JsonNode r) {
        return mb(r.path("csvBytes").asLong()) / clientSeconds(r);
    }

    static double clientSeconds(JsonNode r) {
        return r.path("seconds").asDouble() - Math.max(0, r.path("jobSeconds").asDouble());
    }

    private static double ratio(JsonNode a, JsonNode b, String field) {
        return a.path(field).asDouble() / b.path(field).asDouble();
    }

    static double mb(long bytes) {
        return bytes / (1024.0 * 1024.0);
    }
}
