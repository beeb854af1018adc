package io.github.camelkeboola.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.api.ApiException;
import io.github.camelkeboola.emulator.api.Json;
import io.github.camelkeboola.emulator.db.Catalog;
import io.github.camelkeboola.emulator.db.Token;
import io.github.camelkeboola.emulator.fault.Fault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs Storage jobs in the background. A job is created {@code waiting}, moves to {@code processing}
 * when a worker takes it and ends {@code success} or {@code error}. Polls reveal at most one step per
 * poll, so every client sees the states in order however fast the work was.
 */
public final class JobQueue implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JobQueue.class);

    /** The work of a job; returns its {@code results}. */
    @FunctionalInterface
    public interface Work {
        JsonNode run() throws Exception;
    }

    private final Catalog catalog;
    private final Clock clock;
    // per queue (table), the end of the job submitted last: the next one starts after it
    private final ConcurrentHashMap<String, CompletableFuture<Void>> queues = new ConcurrentHashMap<>();
    // a thread per running job: jobs waiting for a table (serialized imports, a held commit) block no other job
    private final ExecutorService workers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "keboola-emulator-job");
        t.setDaemon(true);
        return t;
    });

    public JobQueue(Catalog catalog, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
    }

    private long now() {
        return clock.instant().getEpochSecond();
    }

    /**
     * Creates a job and queues its work.
     *
     * @param failWith a {@link Fault.Kind#FAIL_JOB} fault armed for the creating request, or {@code null}
     */
    public Job submit(String operationName, String tableId, JsonNode operationParams, Token token, String runId,
                      Fault failWith, Work work) {
        return submit(operationName, tableId, operationParams, token, runId, failWith, null, work);
    }

    /**
     * Creates a job that stays {@code waiting} until the jobs submitted before it with the same {@code queue} (a table
     * id) have ended, the way Storage runs the imports into one table one after another (null: starts at once).
     */
    public Job submit(String operationName, String tableId, JsonNode operationParams, Token token, String runId,
                      Fault failWith, String queue, Work work) {
        Job job = new Job();
        job.id = catalog.nextId();
        job.operationName = operationName;
        job.tableId = tableId;
        job.operationParams = operationParams;
        job.createdTime = now();
        job.runId = runId;
        job.creatorTokenId = token.id;
        job.creatorTokenDescription = token.description;
        catalog.putJob(job);
        CompletableFuture<Void> done = new CompletableFuture<>();
        CompletableFuture<Void> before = queue == null ? null : queues.put(queue, done);
        workers.execute(() -> {
            try {
                if (before != null) {
                    before.get();
                }
                execute(job, failWith, work);
            } catch (InterruptedException e) {
                // the emulator is closing: the job never starts
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e); // never: the futures only complete normally
            } finally {
                done.complete(null);
                if (queue != null) {
                    queues.remove(queue, done);
                }
            }
        });
        return job;
    }

    private void execute(Job job, Fault failWith, Work work) {
        catalog.updateJob(job, j -> {
            j.status = "processing";
            j.startTime = now();
            return null;
        });
        JsonNode results = null;
        ObjectNode error = null;
        try {
            if (failWith != null) {
                throw new JobFailedException(failWith.errorCode() == null ? "storage.jobFailed" : failWith.errorCode(),
                        failWith.message() == null ? "The job failed (injected fault)." : failWith.message());
            }
            results = work.run();
        } catch (JobFailedException e) {
            error = error(e.code(), e.getMessage());
            results = e.results();
        } catch (ApiException e) {
            error = error(e.code(), e.getMessage());
        } catch (java.sql.SQLDataException e) {
            // A value the query cannot use, e.g. a filter with dataType INTEGER on text: the caller's error.
            error = error("storage.tables.validation", "Invalid value for job " + job.id + ": " + e.getMessage());
        } catch (Exception | Error e) {
            LOG.error("Job {} ({}) failed", job.id, job.operationName, e);
            error = error("storage.internalError", "Internal error in job " + job.id + ": " + e);
        }
        JsonNode finalResults = results;
        ObjectNode finalError = error;
        catalog.updateJob(job, j -> {
            j.status = finalError == null ? "success" : "error";
            j.results = finalResults;
            j.error = finalError;
            j.endTime = now();
            return null;
        });
    }

    private static ObjectNode error(String code, String message) {
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        error.put("exceptionId", exceptionId());
        error.putNull("contextParams");
        error.putNull("uuid");
        return error;
    }

    public static String exceptionId() {
        byte[] bytes = new byte[8];
        ThreadLocalRandom.current().nextBytes(bytes);
        return "keboola-connection-" + HexFormat.of().formatHex(bytes);
    }

    public static boolean isFinished(Job job) {
        return "success".equals(job.status) || "error".equals(job.status);
    }

    private static int step(Job job) {
        return switch (job.status) {
            case "waiting" -> 0;
            case "processing" -> 1;
            default -> 2;
        };
    }

    /**
     * The job as the API shows it.
     *
     * @param advance whether this is a poll of the job, which may reveal its next state
     */
    public ObjectNode view(Job job, boolean advance, String baseUrl) {
        return catalog.updateJob(job, j -> {
            int shown = Math.min(step(j), advance ? j.shownStep + 1 : j.shownStep);
            j.shownStep = Math.max(j.shownStep, shown);
            ObjectNode node = Json.object();
            node.put("id", j.id);
            node.put("status", shown == 0 ? "waiting" : shown == 1 ? "processing" : j.status);
            node.put("url", baseUrl + "/v2/storage/jobs/" + j.id);
            node.put("tableId", j.tableId);
            node.put("operationName", j.operationName);
            node.set("operationParams", Catalog.copy(j.operationParams));
            node.put("createdTime", Json.time(j.createdTime));
            node.put("startTime", shown >= 1 ? Json.time(j.startTime) : null);
            node.put("endTime", shown == 2 ? Json.time(j.endTime) : null);
            node.put("runId", j.runId);
            node.set("results", shown == 2 ? Catalog.copy(j.results) : null);
            if (shown == 2 && j.error != null) {
                node.set("error", j.error.deepCopy());
            }
            ObjectNode creator = node.putObject("creatorToken");
            creator.put("id", j.creatorTokenId);
            creator.put("description", j.creatorTokenDescription);
            ObjectNode metrics = node.putObject("metrics");
            metrics.put("inCompressed", false);
            metrics.put("inBytes", 0);
            metrics.put("inBytesUncompressed", 0);
            metrics.put("outCompressed", false);
            metrics.put("outBytes", 0);
            metrics.put("outBytesUncompressed", 0);
            return node;
        });
    }

    @Override
    public void close() {
        workers.shutdownNow();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
