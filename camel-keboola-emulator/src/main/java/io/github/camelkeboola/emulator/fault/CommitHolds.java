package io.github.camelkeboola.emulator.fault;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes imports take long, on the test's terms. An import stamps its rows when it starts and makes them visible when
 * it commits (see {@code TableLoads}); a hold keeps matching imports between the two: their rows are staged and
 * stamped, the table detail and exports do not show them yet, and the imports queued behind them into the same table
 * wait. A held import commits when the test {@linkplain Hold#release() releases} the hold, or when its optional
 * duration has passed. Thread-safe.
 */
public final class CommitHolds {

    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final AtomicLong ids = new AtomicLong();

    /** A hold on the commits of one table (or of every table). */
    public final class Hold {
        private final long id;
        private final String tableId;
        private final long maxWaitNanos;
        private int remaining;
        private int waiting;
        private int held;
        private boolean released;

        private Hold(String tableId, int times, Duration maxWait) {
            this.id = ids.incrementAndGet();
            this.tableId = tableId;
            this.remaining = times;
            this.maxWaitNanos = maxWait == null || maxWait.isZero() ? 0 : maxWait.toNanos();
        }

        public long id() {
            return id;
        }

        /** The table whose imports it holds, null for every table. */
        public String tableId() {
            return tableId;
        }

        /** How many imports wait at their commit now. */
        public synchronized int waiting() {
            return waiting;
        }

        /** How many imports it has held so far (waiting now or let go). */
        public synchronized int held() {
            return held;
        }

        public synchronized boolean isReleased() {
            return released;
        }

        /**
         * Waits until {@code imports} imports have reached their commit under this hold.
         *
         * @throws IllegalStateException when they have not within {@code timeout}
         */
        public synchronized void awaitHeld(int imports, Duration timeout) throws InterruptedException {
            long end = System.nanoTime() + timeout.toNanos();
            while (held < imports) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(held + " of " + imports + " imports into " + describe()
                                                    + " reached their commit within " + timeout);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        /** Lets the held imports commit, and every later one pass; removes the hold. */
        public void release() {
            synchronized (this) {
                released = true;
                notifyAll();
            }
            holds.remove(this);
        }

        private synchronized boolean claim(String table) {
            if (released || remaining == 0 || tableId != null && !tableId.equals(table)) {
                return false;
            }
            if (remaining > 0) {
                remaining--;
            }
            held++;
            waiting++;
            notifyAll();
            return true;
        }

        private synchronized void await() throws InterruptedException {
            try {
                long end = System.nanoTime() + maxWaitNanos;
                while (!released) {
                    if (maxWaitNanos == 0) {
                        wait();
                    } else {
                        long left = end - System.nanoTime();
                        if (left <= 0) {
                            return;
                        }
                        TimeUnit.NANOSECONDS.timedWait(this, left);
                    }
                }
            } finally {
                waiting--;
                notifyAll();
            }
        }

        private String describe() {
            return tableId == null ? "any table" : tableId;
        }
    }

    /**
     * Holds the next {@code times} imports into {@code tableId} at their commit until {@link Hold#release()}.
     *
     * @param tableId the table, or null for every table
     * @param times   how many imports to hold; negative for all until released
     */
    public Hold hold(String tableId, int times) {
        return hold(tableId, times, null);
    }

    /**
     * Like {@link #hold(String, int)}; each held import also commits by itself once it has waited {@code maxWait}
     * (null or zero: only on release).
     */
    public Hold hold(String tableId, int times, Duration maxWait) {
        Hold hold = new Hold(tableId, times, maxWait);
        holds.add(hold);
        return hold;
    }

    /** The holds not released yet. */
    public List<Hold> holds() {
        return List.copyOf(holds);
    }

    /** Releases one hold; false if there is none with that id. */
    public boolean release(long id) {
        for (Hold hold : holds) {
            if (hold.id == id) {
                hold.release();
                return true;
            }
        }
        return false;
    }

    /** Releases every hold. */
    public void releaseAll() {
        holds.forEach(Hold::release);
    }

    /** Called by an import of {@code tableId} whose rows are staged and stamped, just before it commits. */
    public void beforeCommit(String tableId) throws InterruptedException {
        for (Hold hold : holds) {
            if (hold.claim(tableId)) {
                hold.await();
                return;
            }
        }
    }
}
