package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** The machine a run was made on, and its load: results from a loaded machine read differently. */
final class Machine {

    private Machine() {
    }

    static ObjectNode describe(String xmx) {
        return new ObjectMapper().createObjectNode()
                .put("date", Instant.now().toString())
                .put("cpu", cpu())
                .put("cores", Runtime.getRuntime().availableProcessors())
                .put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"))
                .put("xmx", xmx)
                .put("loadBefore", load());
    }

    /** The 1, 5 and 15 minute load averages. */
    static String load() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU time this process has used so far (all its threads), in seconds. */
    static double cpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
