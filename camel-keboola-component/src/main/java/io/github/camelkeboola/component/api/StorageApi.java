package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The calls of the Keboola Storage API ({@code /v2/storage/...}) the component makes. Responses are the API's own
 * JSON; request parameters are sent as a JSON body. Every failure is a {@link KeboolaException}.
 * <p>
 * Every call that creates a Storage job carries an {@code X-KBC-RunId}, stored as the job's {@code runId}. When its
 * answer leaves open whether the job was created (a 5xx, a timeout, an answer cut after the request went out), the
 * job with that runId is looked up and returned as if accepted; the request is sent again only when no such job
 * exists. When that cannot be decided, the call fails with a {@link KeboolaOutcomeUnknownException}.
 */
public interface StorageApi extends Closeable {

    /**
     * The id of the development branch the calls go to ({@code branch/{id}/...}), checked with the API at the first
     * call ({@code default}: the project's default branch); {@code null} without a branch option.
     */
    default String branchId() {
        return null;
    }

    /** {@code GET tokens/verify}. The answer echoes the token: never log it. */
    JsonNode verifyToken();

    /** {@code GET tables/{id}}; 404 fails. */
    JsonNode getTable(String tableId);

    /** {@code GET tables/{id}} with the time the API answered it, when known; 404 fails. */
    default TableDetail readTable(String tableId) {
        return new TableDetail(getTable(tableId), null);
    }

    /** {@code GET tables/{id}}, empty when the table or its bucket does not exist. */
    Optional<JsonNode> findTable(String tableId);

    /** {@code GET tables} or, with a bucket id, {@code GET buckets/{id}/tables}. */
    JsonNode listTables(String bucketIdOrNull);

    /**
     * {@code POST tables/{id}/metadata} with a JSON body ({@code provider}, {@code metadata}, {@code columnsMetadata}):
     * sets those entries (an upsert by provider and key, so it is repeated after an unclear answer); returns the
     * table's {@code metadata} and {@code columnsMetadata}.
     */
    JsonNode setTableMetadata(String tableId, Map<String, Object> body);

    /** {@code POST buckets} unless the bucket exists; returns the bucket. */
    JsonNode ensureBucket(String bucketId);

    /** {@code POST files/prepare} with {@code federationToken}: the file resource with its upload parameters. */
    JsonNode prepareFile(String name, boolean sliced, Map<String, Object> extraParams);

    /** {@code GET files/{id}?federationToken=1}: the file resource with its download url and credentials. */
    JsonNode getFile(long fileId);

    /**
     * {@code PUT files/{id}/refresh}: the file resource with fresh upload parameters, as {@code files/prepare} gave
     * them. The APIB ("Refresh File Credentials") documents it for GCS, whose tokens live one hour, up to 12 h after
     * the file was prepared; PHP {@code refreshFileCredentials()}. It is how a worker that knows only a sliced file's
     * id gets credentials to upload a slice of it.
     */
    JsonNode refreshFile(long fileId);

    /** A new {@code X-KBC-RunId}: unique, so that it finds the one job created with it. */
    static String newRunId() {
        return "camel-keboola-" + UUID.randomUUID();
    }

    /** {@code POST buckets/{bucketId}/tables-async} with {@code X-KBC-RunId: runId}: the accepted job. */
    JsonNode createTableAsync(String bucketId, Map<String, Object> params, String runId);

    /** {@code POST tables/{id}/import-async} with {@code X-KBC-RunId: runId}: the accepted job. */
    JsonNode importAsync(String tableId, Map<String, Object> params, String runId);

    /** {@link #createTableAsync(String, Map, String)} with a new runId. */
    default JsonNode createTableAsync(String bucketId, Map<String, Object> params) {
        return createTableAsync(bucketId, params, newRunId());
    }

    /** {@link #importAsync(String, Map, String)} with a new runId. */
    default JsonNode importAsync(String tableId, Map<String, Object> params) {
        return importAsync(tableId, params, newRunId());
    }

    /** {@code POST tables/{id}/export-async} with a new runId: the accepted job. */
    JsonNode exportAsync(String tableId, Map<String, Object> params);

    /**
     * {@code DELETE tables/{id}?force=true&async=true} with a new runId: the accepted job, or (a synchronous delete) a
     * body without a job id.
     */
    JsonNode deleteTable(String tableId);

    /** {@code GET jobs/{id}}. */
    JsonNode getJob(long jobId);

    /** {@code GET jobs?limit=&offset=}: a page of the project's jobs, newest first. */
    JsonNode listJobs(int limit, int offset);

    /**
     * The job created by a call that carried {@code X-KBC-RunId: runId} and was first sent at {@code sentAt}, if
     * there is one. Fails with a {@link KeboolaOutcomeUnknownException} when the jobs list cannot tell.
     */
    Optional<JsonNode> findJobByRunId(String runId, Instant sentAt);

    /**
     * Polls a job with backoff until it ends; returns it when {@code success}. A job in {@code error} fails with a
     * {@link KeboolaException} naming the job (and table), the job's error code and exceptionId. A job still running
     * after {@code timeout}, or whose state can no longer be read (the polls' retries ran out, or the wait was
     * interrupted), fails with a {@link KeboolaOutcomeUnknownException} naming the job: it may still complete.
     */
    JsonNode waitForJob(JsonNode acceptedJob, Duration timeout);

    /** {@code GET tables/{id}/data-preview}: the CSV answer, header row first. The caller closes it. */
    InputStream previewTable(String tableId, Map<String, Object> params);
}
