package io.github.camelkeboola.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Peak memory of this JVM during a run: the largest heap use seen by a sampler (every 10 ms) and the resident set
 * high-water mark the kernel keeps ({@code VmHWM}, Linux only).
 */
final class PeakMemory implements AutoCloseable {

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong heapPeak = new AtomicLong();
    private final Thread sampler;
    private volatile boolean running = true;

    PeakMemory() {
        sampler = new Thread(() -> {
            while (running) {
                heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "peak-memory");
        sampler.setDaemon(true);
        sampler.start();
    }

    long heapPeakBytes() {
        return heapPeak.get();
    }

    /** {@code VmHWM} of this process in bytes, or -1 where /proc is not there. */
    static long residentPeakBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        heapPeak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
    }
}
