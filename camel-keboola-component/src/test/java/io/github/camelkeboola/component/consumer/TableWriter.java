package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.component.api.StorageApi;
import io.github.camelkeboola.component.transfer.FileTransfer;

import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** "Another writer" of the tests: creates tables and loads rows incrementally through the Storage API. */
final class TableWriter implements Closeable {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(1);

    private final StorageApi api;
    private final FileTransfer transfer;

    TableWriter(String stackUrl, String token) {
        KeboolaConfiguration configuration = new KeboolaConfiguration();
        configuration.setStackUrl(stackUrl);
        configuration.setToken(token);
        configuration.setRetryInitialDelay(50);
        this.api = new HttpStorageApi(configuration);
        this.transfer = FileTransfer.create(configuration);
    }

    /** Creates {@code tableId} with primary key {@code id} from a CSV with a header row. */
    void create(String tableId, String csv) {
        String bucketId = tableId.substring(0, tableId.lastIndexOf('.'));
        api.ensureBucket(bucketId);
        long fileId = upload(tableId, csv);
        JsonNode job = api.createTableAsync(bucketId, Map.of("name", tableId.substring(bucketId.length() + 1),
                "dataFileId", fileId, "primaryKey", "id"));
        api.waitForJob(job, JOB_TIMEOUT);
    }

    /** Loads a CSV with a header row incrementally: rows with a known id replace it, others are added. */
    void upsert(String tableId, String csv) {
        finish(startUpsert(tableId, csv));
    }

    /** Starts {@link #upsert} and returns its accepted job without waiting for it. */
    JsonNode startUpsert(String tableId, String csv) {
        return startUpsert(tableId, upload(tableId, csv));
    }

    /** Starts an incremental load of a file {@link #upload uploaded} before; returns its accepted job. */
    JsonNode startUpsert(String tableId, long fileId) {
        return api.importAsync(tableId, Map.of("dataFileId", fileId, "incremental", true));
    }

    /** Waits for a job {@link #startUpsert} started. */
    void finish(JsonNode acceptedJob) {
        api.waitForJob(acceptedJob, JOB_TIMEOUT);
    }

    JsonNode table(String tableId) {
        return api.getTable(tableId);
    }

    StorageApi api() {
        return api;
    }

    /** Uploads a CSV with a header row as a file for a later load; returns the file id. */
    long upload(String tableId, String csv) {
        JsonNode prepared = api.prepareFile(tableId + ".csv.gz", false, Map.of());
        transfer.uploadGzipped(prepared, new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)));
        return prepared.path("id").asLong();
    }

    @Override
    public void close() throws IOException {
        transfer.close();
        api.close();
    }
}
