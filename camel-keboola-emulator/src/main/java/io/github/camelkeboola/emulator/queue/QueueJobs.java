package io.github.camelkeboola.emulator.queue;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulated Queue API's jobs: created {@code created}, {@code processing} at once, ended after the duration of
 * the outcome armed for them ({@link #next}; none armed: {@code success} at once). A kill while it runs ends it
 * {@code terminated} (through {@code terminating}).
 */
public final class QueueJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(QueueJobs.class);

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(900_000_000L);
    private final Map<Long, QueueJob> jobs = new LinkedHashMap<>();
    private final Map<Long, ScheduledFuture<?>> running = new LinkedHashMap<>();
    private final Deque<QueueOutcome> outcomes = new ConcurrentLinkedDeque<>();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "keboola-emulator-queue");
        t.setDaemon(true);
        return t;
    });

    public QueueJobs(Clock clock) {
        this.clock = clock;
    }

    /** Arms the outcome of the next job it matches; outcomes are taken in the order they were armed. */
    public void next(QueueOutcome outcome) {
        outcomes.addLast(outcome);
    }

    /** Disarms every outcome not taken yet. */
    public void clearOutcomes() {
        outcomes.clear();
    }

    public synchronized Optional<QueueJob> job(long id) {
        return Optional.ofNullable(jobs.get(id));
    }

    public synchronized List<QueueJob> jobs() {
        return new ArrayList<>(jobs.values());
    }

    /** Reads a job under this lock, so status, times and message are of one moment. */
    public synchronized <T> T read(QueueJob job, java.util.function.Function<QueueJob, T> view) {
        return view.apply(job);
    }

    /** Creates a job, {@code created}; {@link #start} runs it. */
    public QueueJob create(String component, String config, List<String> rows, String mode, String parentRunId,
                           String branchId, JsonNode variables, String tokenId, String tokenDescription) {
        QueueJob job = new QueueJob(ids.incrementAndGet(), component, config, rows, mode, parentRunId, branchId,
                variables, tokenId, tokenDescription, now());
        synchronized (this) {
            jobs.put(job.id, job);
        }
        return job;
    }

    /** Starts a created job: {@code processing} until the outcome armed for it ends it. */
    public synchronized void start(QueueJob job) {
        if (!"created".equals(job.status)) {
            return;
        }
        QueueOutcome outcome = take(job.component, job.config);
        job.status = "processing";
        job.startTime = now();
        running.put(job.id, executor.schedule(() -> finish(job, outcome), outcome.duration().toMillis(), TimeUnit.MILLISECONDS));
    }

    /** {@code POST jobs/{id}/kill}: a running job ends {@code terminated}; a finished one is left as it is. */
    public synchronized QueueJob kill(QueueJob job) {
        if (!job.isFinished()) {
            job.desiredStatus = "terminating";
            job.status = "terminating";
            ScheduledFuture<?> run = running.remove(job.id);
            if (run != null) {
                run.cancel(false);
            }
            executor.execute(() -> end(job, "terminated", "Job \"" + job.id + "\" terminated by user request."));
        }
        return job;
    }

    private QueueOutcome take(String component, String config) {
        for (Iterator<QueueOutcome> it = outcomes.iterator(); it.hasNext(); ) {
            QueueOutcome outcome = it.next();
            if (outcome.matches(component, config)) {
                it.remove();
                return outcome;
            }
        }
        return QueueOutcome.success();
    }

    private void finish(QueueJob job, QueueOutcome outcome) {
        String status = outcome.status();
        String message = outcome.message();
        try {
            if (outcome.effect() != null) {
                outcome.effect().run(job);
            }
        } catch (Exception | Error e) {
            LOG.warn("The effect of Queue job {} failed", job.id, e);
            status = "error";
            message = "The job failed: " + e.getMessage();
        }
        if (message == null) {
            message = switch (status) {
                case "success" -> "Component processing finished.";
                case "terminated" -> "Job \"" + job.id + "\" terminated by user request.";
                default -> "Component processing ended in " + status + ".";
            };
        }
        end(job, status, message);
    }

    private synchronized void end(QueueJob job, String status, String message) {
        if (job.isFinished()) {
            return;
        }
        running.remove(job.id);
        job.message = message;
        job.endTime = now();
        job.status = status;
        job.desiredStatus = "terminated".equals(status) ? "terminating" : "processing";
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
