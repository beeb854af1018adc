package io.github.camelkeboola.component.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;
import io.github.camelkeboola.component.wire.LogSafeHttpClients;
import io.github.camelkeboola.component.wire.RetryDelays;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Closeable;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The Keboola Queue API ({@code POST jobs}, {@code GET jobs/{id}}, {@code GET search/jobs}) at the URL the stack's
 * index lists for {@code queue}; its contract, with sources, is QUEUE-API.md next to this class.
 * <p>
 * Retries: a GET is repeated after a 5xx (except 501), a 429 or a network error. The job-creating {@code POST jobs}
 * carries {@code X-KBC-RunId} with a new id, which the Queue stores as the job's {@code parentRunId}; after an
 * answer that leaves open whether the job was created (a 5xx, a timeout, an answer cut after the request went out)
 * the job is looked up by that {@code parentRunId} and returned when found; only when none exists is the request
 * sent again. When the look-up fails, the call fails with a {@link KeboolaOutcomeUnknownException}.
 */
public final class HttpQueueApi implements Closeable {

    static final String RUN_ID_HEADER = "X-KBC-RunId";
    private static final Logger LOG = LoggerFactory.getLogger(HttpQueueApi.class);
    private static final long FIRST_POLL_MILLIS = 200;

    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;
    private final String token;
    private final CloseableHttpClient client;
    private final int maxRetries;
    private final RetryDelays retryDelays;
    private final long pollMaxInterval;

    public HttpQueueApi(String queueUrl, KeboolaConfiguration configuration) {
        this.baseUrl = queueUrl.replaceAll("/+$", "") + "/";
        this.token = configuration.getToken();
        this.maxRetries = Math.max(0, configuration.getMaxRetries());
        this.retryDelays = new RetryDelays(configuration.getRetryInitialDelay(), configuration.getRetryMaxDelay());
        this.pollMaxInterval = Math.max(FIRST_POLL_MILLIS, configuration.getJobPollMaxInterval());
        this.client = LogSafeHttpClients.builder(Duration.ofMillis(configuration.getConnectTimeout()),
                Duration.ofMillis(configuration.getRequestTimeout()), 10).setUserAgent("camel-keboola").build();
    }

    /** A new {@code X-KBC-RunId}: unique, so that the job created with it can be found by it. */
    public static String newRunId() {
        return "camel-keboola-" + UUID.randomUUID();
    }

    /** {@code POST jobs} with {@code X-KBC-RunId: runId}: the created job (status {@code created}). */
    public JsonNode createJob(Map<String, Object> body, String runId) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new KeboolaException("Cannot write the Queue job as JSON: " + e.getMessage(), null, e);
        }
        for (int retry = 0; ; retry++) {
            try {
                return send("POST", "jobs", json, runId);
            } catch (Retriable failure) {
                boolean last = retry >= maxRetries || Thread.currentThread().isInterrupted();
                if (!last) {
                    backOff("POST jobs", failure, retry);
                }
                if (failure.maybeCreated) {
                    Optional<JsonNode> job = findByParentRunId(runId, failure);
                    if (job.isPresent()) {
                        LOG.warn("POST jobs answered {}, but it created Queue job {} (runId {}): not sending it again",
                                failure.reason, job.get().path("id").asText(), runId);
                        return job.get();
                    }
                }
                if (last) {
                    throw failure.error;
                }
            }
        }
    }

    /** {@code GET jobs/{id}}. */
    public JsonNode getJob(String jobId) {
        return get("jobs/" + encode(jobId), jobId);
    }

    /**
     * Polls the job with backoff until {@code isFinished}, at most {@code timeout}; returns the finished job whatever
     * its status. Still running after the timeout, unreadable or interrupted: a {@link KeboolaOutcomeUnknownException}.
     */
    public JsonNode waitForJob(JsonNode job, Duration timeout) {
        String id = job.path("id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_POLL_MILLIS;
        JsonNode current = job;
        while (!current.path("isFinished").asBoolean(false)) {
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                throw new KeboolaOutcomeUnknownException("Queue job " + id + " did not finish within " + timeout
                        + "; its last status was " + current.path("status").asText() + ". It may still run: wait for job "
                        + id + " rather than starting it again", 0, null, jobIdOrNull(id), null);
            }
            try {
                sleep(Math.min(pause, remaining), "Queue job " + id);
                current = getJob(id);
            } catch (KeboolaException e) {
                throw new KeboolaOutcomeUnknownException("Lost track of Queue job " + id + ": " + e.getMessage()
                        + ". It may still run: wait for job " + id + " rather than starting it again",
                        e.getHttpResponseCode(), null, jobIdOrNull(id), e);
            }
            pause = Math.min(pause * 2, pollMaxInterval);
        }
        return current;
    }

    private Optional<JsonNode> findByParentRunId(String runId, Retriable failure) {
        try {
            JsonNode jobs = get("search/jobs?parentRunId=" + encode(runId) + "&limit=10", null);
            for (JsonNode job : jobs) {
                if (runId.equals(job.path("parentRunId").asText(null))) {
                    return Optional.of(job);
                }
            }
            return Optional.empty();
        } catch (KeboolaException e) {
            throw new KeboolaOutcomeUnknownException("POST jobs may have created a Queue job (it answered " + failure.reason
                    + ") and the job search could not tell (" + e.getMessage() + "), so it was not sent again;"
                    + " its job, if any, has parentRunId " + runId, failure.error.getHttpResponseCode(), null, null, e);
        }
    }

    private JsonNode get(String path, String jobId) {
        for (int retry = 0; ; retry++) {
            try {
                return send("GET", path, null, null);
            } catch (Retriable failure) {
                if (retry >= maxRetries || Thread.currentThread().isInterrupted()) {
                    throw failure.error;
                }
                backOff("GET " + path.replaceFirst("\\?.*", ""), failure, retry);
            }
        }
    }

    private JsonNode send(String method, String path, byte[] json, String runId) {
        String call = method + " " + path.replaceFirst("\\?.*", "");
        ClassicHttpRequest request = new BasicClassicHttpRequest(method, URI.create(baseUrl + path));
        request.addHeader(new SecretHeader(token));
        if (runId != null) {
            request.addHeader(RUN_ID_HEADER, runId);
        }
        if (json != null) {
            request.setEntity(new ByteArrayEntity(json, ContentType.APPLICATION_JSON));
        }
        boolean post = "POST".equals(method);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, request, null);
        } catch (IOException e) {
            boolean sent = !(e instanceof ConnectException || e instanceof ConnectTimeoutException);
            throw networkFailure(call, e, sent && post);
        }
        try (response) {
            int status = response.getCode();
            String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
            if (status >= 400) {
                KeboolaException error = error(call, status, body);
                if ((status >= 500 && status != 501) || status == 429) {
                    throw new Retriable(error, "HTTP " + status,
                            status == 429 || status == 503 ? RetryDelays.retryAfterMillis(response) : 0, post && status != 429);
                }
                throw error;
            }
            try {
                return mapper.readTree(body);
            } catch (IOException e) {
                throw new KeboolaException(call + " answered HTTP " + status + " with a body that is not JSON", status,
                        null, null, null, null, e);
            }
        } catch (org.apache.hc.core5.http.ParseException e) {
            throw new KeboolaException(call + " answered something that is not HTTP text: " + e.getMessage(), null, e);
        } catch (IOException e) {
            // the answer was cut while it was read: the request reached the server
            throw networkFailure(call, e, post);
        }
    }

    private RuntimeException networkFailure(String call, IOException e, boolean maybeCreated) {
        KeboolaException error = new KeboolaException(call + " failed: " + e, null, e);
        boolean interrupted = e instanceof InterruptedIOException && !(e instanceof SocketTimeoutException)
                              && !(e instanceof ConnectTimeoutException);
        if (interrupted) {
            return maybeCreated ? new KeboolaOutcomeUnknownException(call + " was interrupted after it was sent", 0, null, null, e)
                    : error;
        }
        return new Retriable(error, e.getClass().getSimpleName(), 0, maybeCreated);
    }

    /** Queue API error body: {@code {"error", "code" (the HTTP status), "exceptionId", "status", "context"}}. */
    private KeboolaException error(String call, int status, String body) {
        String message = body.isBlank() ? "no error message" : body.strip();
        String code = null;
        String exceptionId = null;
        try {
            JsonNode json = mapper.readTree(body);
            if (json != null && json.hasNonNull("error")) {
                message = json.get("error").asText();
                exceptionId = json.path("exceptionId").asText(null);
                code = json.path("context").path("errorCode").asText(null);
            }
        } catch (IOException notJson) {
            // a gateway's page: its text is the message
        }
        if (message.length() > 2000) {
            message = message.substring(0, 2000) + "...";
        }
        return new KeboolaException("Queue API " + call + " failed: " + message, status, code, exceptionId, null, null, null);
    }

    private void backOff(String call, Retriable failure, int retry) {
        long delay = retryDelays.before(retry + 1, failure.retryAfterMillis);
        LOG.warn("Queue API {} failed ({}); retry {} of {} in {} ms", call, failure.reason, retry + 1, maxRetries, delay);
        sleep(delay, "Queue API " + call);
    }

    private static void sleep(long millis, String what) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeboolaException("Interrupted while waiting for " + what, null, e);
        }
    }

    public static Long jobIdOrNull(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "HttpQueueApi[" + baseUrl + "]";
    }

    /** The token header; its {@code toString()} (what any header logging prints) hides the value. */
    private static final class SecretHeader extends org.apache.hc.core5.http.message.BasicHeader {
        SecretHeader(String token) {
            super("X-StorageApi-Token", token, true);
        }

        @Override
        public String toString() {
            return getName() + ": xxxxxx";
        }
    }

    private static final class Retriable extends RuntimeException {
        final KeboolaException error;
        final String reason;
        final long retryAfterMillis;
        final boolean maybeCreated;

        Retriable(KeboolaException error, String reason, long retryAfterMillis, boolean maybeCreated) {
            super(null, null, false, false);
            this.error = error;
            this.reason = reason;
            this.retryAfterMillis = retryAfterMillis;
            this.maybeCreated = maybeCreated;
        }
    }
}
