package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;
import io.github.camelkeboola.component.wire.JsonValues;
import io.github.camelkeboola.component.wire.LogSafeHttpClients;
import io.github.camelkeboola.component.wire.RetryDelays;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.utils.DateUtils;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicHeader;
import org.apache.hc.core5.io.CloseMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * {@link StorageApi} over Apache HttpClient 5 (classic). JSON request bodies, the token in {@code X-StorageApi-Token}
 * sent only to the stack URL (redirects are not followed, so it cannot travel elsewhere).
 * <p>
 * Retries: a 5xx answer except 501 (503 maintenance waits for its {@code Retry-After}) and a 429 rate limit (with
 * its {@code Retry-After}, as the Go client does) are retried. A network error is retried for GET and DELETE, and
 * for other POSTs only when the connection never opened. A call that creates a Storage job carries an
 * {@code X-KBC-RunId}; after an answer that leaves open whether the job was created (a 5xx: a gateway answers 502
 * or 504 also after the API accepted the request; a timeout or an answer cut after the request went out) it is not
 * simply sent again: the job with that runId is looked up ({@link JobsByRunId}) and returned when it exists; only
 * when it does not is the request sent again. Pauses start at {@code retryInitialDelay} and double up to
 * {@code retryMaxDelay} (a {@code Retry-After} is capped by it too, with jitter: {@link RetryDelays}), at most
 * {@code maxRetries} times. Every call has connect and response timeouts.
 */
public class HttpStorageApi implements StorageApi {

    static final String TOKEN_HEADER = "X-StorageApi-Token";
    private static final Logger LOG = LoggerFactory.getLogger(HttpStorageApi.class);
    private static final long FIRST_JOB_POLL_MILLIS = 100;

    private final ObjectMapper mapper = new ObjectMapper();
    private final String baseUrl;
    private final Header tokenHeader;
    private final CloseableHttpClient client;
    private final int maxRetries;
    private final RetryDelays retryDelays;
    private final long jobPollMaxInterval;
    private final DevBranch branch;

    public HttpStorageApi(KeboolaConfiguration configuration) {
        String stackUrl = configuration.getStackUrl();
        if (stackUrl == null || !(stackUrl.startsWith("http://") || stackUrl.startsWith("https://"))) {
            throw new IllegalArgumentException("stackUrl must be an http(s) URL, got: " + stackUrl);
        }
        if (configuration.getToken() == null || configuration.getToken().isBlank()) {
            throw new IllegalArgumentException("A Storage API token is required");
        }
        this.baseUrl = stackUrl.replaceAll("/+$", "") + "/v2/storage/";
        this.tokenHeader = new SecretHeader(TOKEN_HEADER, configuration.getToken());
        this.maxRetries = Math.max(0, configuration.getMaxRetries());
        this.retryDelays = new RetryDelays(configuration.getRetryInitialDelay(), configuration.getRetryMaxDelay());
        this.jobPollMaxInterval = Math.max(FIRST_JOB_POLL_MILLIS, configuration.getJobPollMaxInterval());
        this.branch = new DevBranch(configuration.getBranch());
        // redirects are not followed: the token goes to the stack URL only
        this.client = LogSafeHttpClients.builder(Duration.ofMillis(configuration.getConnectTimeout()),
                        Duration.ofMillis(configuration.getRequestTimeout()), 50)
                .setUserAgent("camel-keboola")
                .build();
    }

    @Override
    public String branchId() {
        return branch.id(path -> json(ApiCall.get(path).purpose("the branch option")));
    }

    /**
     * A path in the endpoint's development branch ({@code branch/{id}/...}, as keboola/storage-api-php-client
     * {@code BranchAwareClient} and keboola/go-client send every call but the jobs'), or as given without one.
     */
    private String inBranch(String path) {
        String id = branchId();
        return id == null ? path : "branch/" + id + "/" + path;
    }

    @Override
    public JsonNode verifyToken() {
        return json(ApiCall.get(inBranch("tokens/verify")));
    }

    @Override
    public JsonNode getTable(String tableId) {
        return readTable(tableId).table();
    }

    @Override
    public TableDetail readTable(String tableId) {
        ApiCall call = ApiCall.get(inBranch("tables/%s"), tableId).table(tableId);
        ResponseReader<JsonNode> json = jsonReader(call);
        return execute(call, response -> new TableDetail(json.read(response), answeredAt(response)));
    }

    private static Instant answeredAt(ClassicHttpResponse response) {
        Header date = response.getFirstHeader(HttpHeaders.DATE);
        return date == null ? null : DateUtils.parseStandardDate(date.getValue());
    }

    @Override
    public Optional<JsonNode> findTable(String tableId) {
        try {
            return Optional.of(getTable(tableId));
        } catch (KeboolaException e) {
            if (e.getHttpResponseCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public JsonNode listTables(String bucketIdOrNull) {
        ApiCall call = bucketIdOrNull == null || bucketIdOrNull.isBlank()
                ? ApiCall.get(inBranch("tables"))
                : ApiCall.get(inBranch("buckets/%s/tables"), bucketIdOrNull);
        return json(call.query("include", "columns"));
    }

    @Override
    public JsonNode setTableMetadata(String tableId, Map<String, Object> body) {
        return json(ApiCall.post(inBranch("tables/%s/metadata"), tableId).table(tableId).body(toJson(body)).repeatable());
    }

    @Override
    public JsonNode ensureBucket(String bucketId) {
        int dot = bucketId.indexOf('.');
        if (dot <= 0 || !bucketId.startsWith("c-", dot + 1) || bucketId.length() <= dot + 3) {
            throw new KeboolaException("Bucket id " + bucketId + " is not of the form stage.c-name (such as in.c-main)",
                    bucketId, null);
        }
        try {
            return json(ApiCall.get(inBranch("buckets/%s"), bucketId));
        } catch (KeboolaException e) {
            if (e.getHttpResponseCode() != 404) {
                throw e;
            }
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", bucketId.substring(dot + 3));
        params.put("stage", bucketId.substring(0, dot));
        try {
            return json(ApiCall.post(inBranch("buckets")).body(toJson(params)));
        } catch (KeboolaException e) {
            // another import created it in the meantime
            if ("storage.buckets.alreadyExists".equals(e.getErrorCode())) {
                return json(ApiCall.get(inBranch("buckets/%s"), bucketId));
            }
            throw e;
        }
    }

    @Override
    public JsonNode prepareFile(String name, boolean sliced, Map<String, Object> extraParams) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", name);
        params.put("federationToken", true);
        params.put("isSliced", sliced);
        params.put("isEncrypted", true);
        if (extraParams != null) {
            params.putAll(extraParams);
        }
        return json(ApiCall.post(inBranch("files/prepare")).body(toJson(params)));
    }

    @Override
    public JsonNode getFile(long fileId) {
        return json(ApiCall.get(inBranch("files/%s"), Long.toString(fileId)).query("federationToken", 1));
    }

    @Override
    public JsonNode refreshFile(long fileId) {
        return json(ApiCall.put(inBranch("files/%s/refresh"), Long.toString(fileId)));
    }

    @Override
    public JsonNode createTableAsync(String bucketId, Map<String, Object> params, String runId) {
        String tableId = params.get("name") == null ? null : bucketId + "." + params.get("name");
        return createJob(ApiCall.post(inBranch("buckets/%s/tables-async"), bucketId).table(tableId).body(toJson(params)).createsJob(runId));
    }

    @Override
    public JsonNode importAsync(String tableId, Map<String, Object> params, String runId) {
        return createJob(ApiCall.post(inBranch("tables/%s/import-async"), tableId).table(tableId).body(toJson(params)).createsJob(runId));
    }

    @Override
    public JsonNode exportAsync(String tableId, Map<String, Object> params) {
        return createJob(ApiCall.post(inBranch("tables/%s/export-async"), tableId).table(tableId).body(toJson(params))
                .createsJob(StorageApi.newRunId()));
    }

    @Override
    public JsonNode deleteTable(String tableId) {
        // force: a table with aliases is deleted with them, as the contract's form of the call does
        return createJob(ApiCall.delete(inBranch("tables/%s"), tableId).query("force", true).query("async", true).table(tableId)
                .createsJob(StorageApi.newRunId()));
    }

    // jobs are the project's, not a branch's: BranchAwareClient START_ENDPOINTS_WITHOUT_BRANCH, GO "jobs/{jobId}"

    @Override
    public JsonNode getJob(long jobId) {
        return json(ApiCall.get("jobs/%s", Long.toString(jobId)).job(jobId));
    }

    @Override
    public JsonNode listJobs(int limit, int offset) {
        return json(ApiCall.get("jobs").query("limit", limit).query("offset", offset));
    }

    @Override
    public Optional<JsonNode> findJobByRunId(String runId, Instant sentAt) {
        return JobsByRunId.find(this, runId, sentAt);
    }

    @Override
    public JsonNode waitForJob(JsonNode acceptedJob, Duration timeout) {
        Long id = JsonValues.idOf(acceptedJob);
        if (id == null) {
            throw new KeboolaException("The Storage API answered something that is not a job (no id) where a job was expected: "
                                       + abbreviate(acceptedJob.toString()), ApiErrors.textOrNull(acceptedJob.get("tableId")), null);
        }
        long jobId = id;
        String tableId = ApiErrors.textOrNull(acceptedJob.get("tableId"));
        String job = "Storage job " + jobId + " (" + acceptedJob.path("operationName").asText("?") + ")";
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = FIRST_JOB_POLL_MILLIS;
        JsonNode current = acceptedJob;
        while (true) {
            String status = current.path("status").asText();
            if ("success".equals(status)) {
                return current;
            }
            if ("error".equals(status)) {
                throw ApiErrors.fromFailedJob(current);
            }
            long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remaining <= 0) {
                throw new KeboolaOutcomeUnknownException(job + " did not finish within " + timeout + "; its last status was "
                        + status + ". It may still complete: wait for job " + jobId + " rather than sending the request again",
                        0, tableId, jobId, null);
            }
            try {
                pause(Math.min(pause, remaining), "job " + jobId, tableId, jobId);
                current = getJob(jobId);
            } catch (KeboolaException e) {
                throw new KeboolaOutcomeUnknownException("Lost track of " + job + ": " + e.getMessage()
                        + ". It may still complete: wait for job " + jobId + " rather than sending the request again",
                        e.getHttpResponseCode(), tableId, jobId, e);
            }
            pause = Math.min(pause * 2, jobPollMaxInterval);
        }
    }

    @Override
    public InputStream previewTable(String tableId, Map<String, Object> params) {
        // read whole inside the call (at most 1000 rows): an answer cut halfway is then retried like any GET
        return execute(ApiCall.get(inBranch("tables/%s/data-preview"), tableId).query(params).table(tableId),
                response -> new ByteArrayInputStream(response.getEntity() == null ? new byte[0]
                        : EntityUtils.toByteArray(response.getEntity())));
    }

    @Override
    public void close() {
        client.close(CloseMode.GRACEFUL);
    }

    @Override
    public String toString() {
        return "HttpStorageApi[" + baseUrl + (branch.isSet() ? ", " + branch : "") + "]";
    }

    // --- calls and retries ----------------------------------------------------------------------------------------

    private JsonNode json(ApiCall call) {
        return execute(call, jsonReader(call));
    }

    private ResponseReader<JsonNode> jsonReader(ApiCall call) {
        return response -> {
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                return mapper.nullNode();
            }
            try (InputStream content = entity.getContent()) {
                JsonNode node = mapper.readTree(content);
                return node == null || node.isMissingNode() ? mapper.nullNode() : node;
            } catch (JsonProcessingException e) {
                // a whole answer that is not JSON (an HTML page of a proxy): repeating the call would not change it
                throw new KeboolaException(call + " answered HTTP " + response.getCode() + " with a body that is not JSON ("
                                           + (entity.getContentType() == null ? "no content type" : entity.getContentType())
                                           + "): " + e.getOriginalMessage(),
                        response.getCode(), null, null, call.tableId, call.jobId, e);
            }
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }

    private interface ResponseReader<T> {
        T read(ClassicHttpResponse response) throws IOException;
    }

    private <T> T execute(ApiCall call, ResponseReader<T> reader) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt(call, reader);
            } catch (RetriableFailure failure) {
                if (retry >= maxRetries || Thread.currentThread().isInterrupted()) {
                    throw failure.error;
                }
                backOff(call, failure, retry);
            }
        }
    }

    /**
     * A call that creates a job: after an answer that leaves open whether the job exists, the pause (which gives a
     * request still under way at the server time to land) is followed by a look-up of the job by the call's runId;
     * a job found is returned as if accepted, and only without one is the request sent again.
     */
    private JsonNode createJob(ApiCall call) {
        Instant sentAt = Instant.now();
        for (int retry = 0; ; retry++) {
            try {
                return attempt(call, jsonReader(call));
            } catch (RetriableFailure failure) {
                boolean last = retry >= maxRetries || Thread.currentThread().isInterrupted();
                if (!last) {
                    backOff(call, failure, retry);
                }
                if (failure.maybeAccepted) {
                    Optional<JsonNode> job = lookUp(call, sentAt, failure);
                    if (job.isPresent()) {
                        LOG.warn("{} answered {}, but it was accepted as job {} (runId {}): not sending it again",
                                call, failure.reason, JsonValues.idOf(job.get()), call.runId);
                        return job.get();
                    }
                    LOG.debug("{}: no job with runId {}", call, call.runId);
                }
                if (last) {
                    throw failure.error;
                }
            }
        }
    }

    private Optional<JsonNode> lookUp(ApiCall call, Instant sentAt, RetriableFailure failure) {
        try {
            return findJobByRunId(call.runId, sentAt);
        } catch (KeboolaException e) {
            throw new KeboolaOutcomeUnknownException(call + " may have been accepted (it answered " + failure.reason
                    + ") and the jobs list could not tell (" + e.getMessage() + "), so it was not sent again;"
                    + " its job, if any, has runId " + call.runId, failure.error.getHttpResponseCode(), call.tableId, null, e);
        }
    }

    private void backOff(ApiCall call, RetriableFailure failure, int retry) {
        long delay = retryDelays.before(retry + 1, failure.retryAfterMillis);
        LOG.warn("{} failed ({}); retry {} of {} in {} ms", call, failure.reason, retry + 1, maxRetries, delay);
        pause(delay, call.toString(), call.tableId, call.jobId);
    }

    private <T> T attempt(ApiCall call, ResponseReader<T> reader) {
        ClassicHttpRequest request = call.toRequest(baseUrl);
        request.addHeader(tokenHeader);
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, request, null);
        } catch (IOException e) {
            boolean sent = !neverConnected(e);
            throw networkFailure(call, e, call.idempotent() || !sent || call.runId != null, sent && call.runId != null);
        }
        try {
            int status = response.getCode();
            LOG.debug("{} -> HTTP {}", call, status);
            if (status >= 400) {
                KeboolaException error = ApiErrors.fromResponse(call, response, mapper);
                // 429 is not documented for the Storage API, but a rate limit means the call was not done (GO retries it)
                if ((status >= 500 && status != 501) || status == 429) {
                    // a maintenance body is the API's own answer that it did nothing; a gateway's 5xx is not
                    boolean maybeAccepted = call.runId != null && status != 429 && !"MAINTENANCE".equals(error.getErrorCode());
                    throw new RetriableFailure(error, "HTTP " + status,
                            status == 503 || status == 429 ? RetryDelays.retryAfterMillis(response) : 0, maybeAccepted);
                }
                throw error;
            }
            return reader.read(response);
        } catch (IOException e) {
            // the answer was cut while reading it: the request reached the server
            throw networkFailure(call, e, call.idempotent() || call.runId != null, call.runId != null);
        } finally {
            closeQuietly(response);
        }
    }

    private RuntimeException networkFailure(ApiCall call, IOException e, boolean safeToRepeat, boolean maybeAccepted) {
        KeboolaException error = ApiErrors.fromIo(call, e);
        boolean interrupted = e instanceof InterruptedIOException && !(e instanceof java.net.SocketTimeoutException)
                              && !(e instanceof ConnectTimeoutException);
        if (interrupted && maybeAccepted) {
            return new KeboolaOutcomeUnknownException(call + " was interrupted after it was sent: its job, if any, has runId "
                    + call.runId, 0, call.tableId, null, e);
        }
        if (!safeToRepeat || interrupted) {
            return error;
        }
        return new RetriableFailure(error, e.getClass().getSimpleName(), 0, maybeAccepted);
    }

    /** The request was certainly not sent: the TCP connection was refused or never established. */
    private static boolean neverConnected(IOException e) {
        return e instanceof ConnectException || e instanceof ConnectTimeoutException;
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException ignored) {
            // the answer is read or abandoned; nothing is lost by a failed close
        }
    }

    private static void pause(long millis, String what, String tableId, Long jobId) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeboolaException("Interrupted while waiting for " + what, 0, null, null, tableId, jobId, e);
        }
    }

    private byte[] toJson(Map<String, Object> params) {
        try {
            return mapper.writeValueAsBytes(params == null ? Map.of() : params);
        } catch (JsonProcessingException e) {
            throw new KeboolaException("Cannot write the request parameters as JSON: " + e.getOriginalMessage(), null, e);
        }
    }

    /** A failure the caller may repeat; carries the error to throw when the retries run out. */
    private static final class RetriableFailure extends RuntimeException {
        final KeboolaException error;
        final String reason;
        final long retryAfterMillis;
        /** The request may have created its job: look it up before sending it again. */
        final boolean maybeAccepted;

        RetriableFailure(KeboolaException error, String reason, long retryAfterMillis, boolean maybeAccepted) {
            super(null, null, false, false);
            this.error = error;
            this.reason = reason;
            this.retryAfterMillis = retryAfterMillis;
            this.maybeAccepted = maybeAccepted;
        }
    }

    /** The token header; its {@code toString()} (what any header logging prints) hides the value. */
    private static final class SecretHeader extends BasicHeader {
        SecretHeader(String name, String value) {
            super(name, value, true);
        }

        @Override
        public String toString() {
            return getName() + ": xxxxxx";
        }
    }
}
