package io.github.camelkeboola.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Counts the JSON documents a route produces and keeps the first few to show. */
public class JsonSample {

    private static final int KEPT = 3;

    private final AtomicLong count = new AtomicLong();
    private final List<String> first = new ArrayList<>();

    public synchronized void add(String json) {
        if (count.getAndIncrement() < KEPT) {
            first.add(json);
        }
    }

    public long count() {
        return count.get();
    }

    public synchronized List<String> first() {
        return List.copyOf(first);
    }
}
