package io.github.camelkeboola.examples.springboot;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The last changed rows the consumer delivered, newest last, at {@code GET /changes}. */
@RestController
public class RecentChanges {

    private static final int KEPT = 100;

    private final Deque<Map<String, String>> rows = new ArrayDeque<>();

    public synchronized void add(Map<String, String> row) {
        if (rows.size() == KEPT) {
            rows.removeFirst();
        }
        rows.addLast(row);
    }

    @GetMapping("/changes")
    public synchronized List<Map<String, String>> list() {
        return List.copyOf(rows);
    }
}
