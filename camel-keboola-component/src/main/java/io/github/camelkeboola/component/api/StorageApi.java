package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;

import java.io.Closeable;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The calls of the Keboola Storage API ({@code /v2/storage/...}) the component makes. Responses are the API's own
 * JSON; request parameters are sent as a JSON body. Every failure is a {@link KeboolaException}.
 */
public interface StorageApi extends Closeable {

    /** {@code GET tokens/verify}. The answer echoes the token: never log it. */
    JsonNode verifyToken();

    /** {@code GET tables/{id}}; 404 fails. */
    JsonNode getTable(String tableId);

    /** {@code GET tables/{id}}, empty when the table or its bucket does not exist. */
    Optional<JsonNode> findTable(String tableId);

    /** {@code GET tables} or, with a bucket id, {@code GET buckets/{id}/tables}. */
    JsonNode listTables(String bucketIdOrNull);

    /** {@code POST buckets} unless the bucket exists; returns the bucket. */
    JsonNode ensureBucket(String bucketId);

    /** {@code POST files/prepare} with {@code federationToken}: the file resource with its upload parameters. */
    JsonNode prepareFile(String name, boolean sliced, Map<String, Object> extraParams);

    /** {@code GET files/{id}?federationToken=1}: the file resource with its download url and credentials. */
    JsonNode getFile(long fileId);

    /** {@code POST buckets/{bucketId}/tables-async}: the accepted job. */
    JsonNode createTableAsync(String bucketId, Map<String, Object> params);

    /** {@code POST tables/{id}/import-async}: the accepted job. */
    JsonNode importAsync(String tableId, Map<String, Object> params);

    /** {@code POST tables/{id}/export-async}: the accepted job. */
    JsonNode exportAsync(String tableId, Map<String, Object> params);

    /** {@code DELETE tables/{id}?force=true&async=true}: the accepted job, or (a synchronous delete) a body without a job id. */
    JsonNode deleteTable(String tableId);

    /** {@code GET jobs/{id}}. */
    JsonNode getJob(long jobId);

    /**
     * Polls a job with backoff until it ends; returns it when {@code success}. A job in {@code error} or still running
     * after {@code timeout} fails with a {@link KeboolaException} naming the job (and table), the job's error code
     * and exceptionId. Interruptible.
     */
    JsonNode waitForJob(JsonNode acceptedJob, Duration timeout);

    /** {@code GET tables/{id}/data-preview}: the CSV answer, header row first. The caller closes it. */
    InputStream previewTable(String tableId, Map<String, Object> params);
}
