package io.github.camelkeboola.examples;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The rows the changes consumer delivered, handed to the demo's steps in the order they arrived. */
public class DeliveredChanges {

    private final BlockingQueue<Map<String, String>> rows = new LinkedBlockingQueue<>();

    public void add(Map<String, String> row) {
        rows.add(row);
    }

    /** The next {@code count} delivered rows, waiting for them at most {@code timeout} in all. */
    public List<Map<String, String>> take(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Map<String, String>> taken = new ArrayList<>(count);
        while (taken.size() < count) {
            Map<String, String> row = rows.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (row == null) {
                throw new IllegalStateException("The changes consumer delivered " + taken.size() + " of " + count
                                                + " rows within " + timeout);
            }
            taken.add(row);
        }
        return taken;
    }
}
