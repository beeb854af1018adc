package io.github.camelkeboola.emulator.fault;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The faults armed on an emulator. Servers ask {@link #take} on every request; a matching rule answers
 * with its fault and counts down. Thread-safe.
 */
public final class FaultInjector {

    /** An armed fault: applies to requests of {@code target} whose method and path match. */
    public static final class Rule {
        private final FaultTarget target;
        private final String method;
        private final Pattern path;
        private final Fault fault;
        private final AtomicInteger remaining;
        private final AtomicInteger hits = new AtomicInteger();

        Rule(FaultTarget target, String method, String pathRegex, Fault fault, int times) {
            this.target = target;
            this.method = method;
            this.path = Pattern.compile(pathRegex);
            this.fault = fault;
            this.remaining = new AtomicInteger(times);
        }

        boolean matches(FaultTarget target, String method, String path) {
            return this.target == target
                    && (this.method == null || this.method.equalsIgnoreCase(method))
                    && this.path.matcher(path).find();
        }

        /** Claims one use; false once the rule is used up. A negative count never runs out. */
        boolean claim() {
            while (true) {
                int left = remaining.get();
                if (left == 0) {
                    return false;
                }
                if (left < 0 || remaining.compareAndSet(left, left - 1)) {
                    hits.incrementAndGet();
                    return true;
                }
            }
        }

        /** How many requests this rule has answered so far. */
        public int hits() {
            return hits.get();
        }

        public Fault fault() {
            return fault;
        }
    }

    private final List<Rule> rules = new CopyOnWriteArrayList<>();

    /**
     * Arms a fault.
     *
     * @param target    API or file storage
     * @param method    HTTP method, or {@code null} for any
     * @param pathRegex regular expression found in the request path (for example {@code "/export-async$"})
     * @param fault     what to do
     * @param times     how many matching requests get it; negative for all of them
     */
    public Rule inject(FaultTarget target, String method, String pathRegex, Fault fault, int times) {
        Rule rule = new Rule(target, method, pathRegex, fault, times);
        rules.add(rule);
        return rule;
    }

    /** The fault for this request, if an armed rule matches; uses up one occurrence of that rule. */
    public Optional<Fault> take(FaultTarget target, String method, String path) {
        for (Rule rule : rules) {
            if (rule.matches(target, method, path) && rule.claim()) {
                return Optional.of(rule.fault);
            }
        }
        return Optional.empty();
    }

    /** Disarms every fault. */
    public void clear() {
        rules.clear();
    }
}
