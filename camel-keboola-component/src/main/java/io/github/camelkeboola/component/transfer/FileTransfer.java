package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.wire.JsonValues;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * The data plane: moves file content between the route and the stack's file storage (S3, Azure Blob or GCS) with
 * the per-file credentials the Storage API hands out. It has its own HTTP client and never knows the Storage token,
 * so the token cannot reach the file storage. Thread-safe; one instance serves many transfers.
 */
public final class FileTransfer implements Closeable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_MANIFEST_BYTES = 32 * 1024 * 1024;

    private final TransferSettings settings;
    private final StorageHttp http;
    private final ExecutorService executor;
    private final boolean ownExecutor;

    private FileTransfer(TransferSettings settings, ExecutorService executor, boolean ownExecutor) {
        this.settings = settings;
        this.http = new StorageHttp(settings);
        this.executor = executor;
        this.ownExecutor = ownExecutor;
    }

    /**
     * A transfer with the timeouts, part size, parallelism, retries and storage endpoint override of {@code cfg},
     * running its downloads ahead and uploads in flight on {@code executor} (which it does not shut down).
     */
    public static FileTransfer create(KeboolaConfiguration cfg, ExecutorService executor) {
        if (executor == null) {
            throw new IllegalArgumentException("No executor for the file transfer: is the keboola component started?");
        }
        return new FileTransfer(TransferSettings.from(cfg), executor, false);
    }

    /** Outside Camel (tests, tools): a transfer with its own bounded pool of daemon threads, shut down by {@link #close}. */
    public static FileTransfer create(KeboolaConfiguration cfg) {
        TransferSettings settings = TransferSettings.from(cfg);
        AtomicInteger threads = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "keboola-transfer-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new FileTransfer(settings, Executors.newFixedThreadPool(settings.downloadParallelism() + 1, factory), true);
    }

    /**
     * Gzips {@code csv} on the fly into the file prepared by {@code files/prepare}: one request when the compressed
     * data fits in one {@code uploadPartSize} part, else a multipart upload (aborted on failure). A failed part is
     * retried, not the whole upload. Reads {@code csv} to its end but does not close it.
     *
     * @return the number of (compressed) bytes stored
     */
    public long uploadGzipped(JsonNode preparedFile, InputStream csv) {
        ObjectStores.Location location = ObjectStores.forUpload(preparedFile, http);
        PartUploader parts = new PartUploader(location.store(), location.key(), settings.uploadPartSize(), executor);
        try {
            GZIPOutputStream gzip = new GZIPOutputStream(parts, Gzip.BUFFER);
            byte[] buffer = new byte[Gzip.BUFFER];
            for (int n; (n = csv.read(buffer)) >= 0; ) {
                gzip.write(buffer, 0, n);
            }
            gzip.finish();
            return parts.finish();
        } catch (IOException e) {
            parts.abort();
            throw new KeboolaException("Uploading file " + preparedFile.path("id").asText("?") + " to "
                    + location.store().name() + " failed: " + e.getMessage(), null, e);
        } catch (RuntimeException e) {
            parts.abort();
            throw e;
        }
    }

    /**
     * Opens the content of a file whose detail was fetched with {@code federationToken=1}. A sliced file's manifest
     * is read, its entries checked to lie under the file's prefix, and its slices returned in manifest order,
     * downloaded ahead in parallel and gunzipped when gzip. A plain file is returned as stored (gunzipped if gzip).
     */
    public InputStream openContent(JsonNode fileDetail) {
        ObjectStores.Location location = ObjectStores.forDownload(fileDetail, http);
        try {
            if (!JsonValues.isTrue(fileDetail.path("isSliced"))) {
                return Gzip.decompressIfGzip(new ResumingInputStream(location.store(), location.key(), http));
            }
            List<String> keys = sliceKeys(fileDetail, location);
            return new SlicedContent(location.store(), keys, http, executor, settings.downloadParallelism());
        } catch (IOException e) {
            throw new KeboolaException("Reading file " + fileDetail.path("id").asText("?") + " from "
                    + location.store().name() + " failed: " + e.getMessage(), null, e);
        }
    }

    /** The slice keys of a sliced file's manifest, in order; every entry must lie under the file's own prefix. */
    private List<String> sliceKeys(JsonNode fileDetail, ObjectStores.Location location) throws IOException {
        String fileId = fileDetail.path("id").asText("?");
        JsonNode manifest = JSON.readTree(readManifest(fileDetail, location));
        String prefix = location.store().entryUrlPrefix(location.key());
        List<String> keys = new ArrayList<>();
        for (JsonNode entry : manifest.path("entries")) {
            String url = entry.path("url").asText("");
            String key = location.store().keyOfEntry(url);
            // A manifest naming an object elsewhere would make us fetch (with this file's credentials) what is not this file.
            if (key == null || !key.startsWith(location.key()) || url.contains("/../") || url.contains("/./")) {
                throw new KeboolaException("The manifest of file " + fileId + " names a slice outside the file ("
                        + Urls.withoutQuery(url) + " does not start with " + prefix + ")", null, null);
            }
            keys.add(key);
        }
        return keys;
    }

    private byte[] readManifest(JsonNode fileDetail, ObjectStores.Location location) throws IOException {
        String presigned = fileDetail.path("url").asText("");
        boolean aws = "aws".equals(fileDetail.path("provider").asText("aws"));
        if (aws && !presigned.isEmpty() && settings.fileStorageEndpoint() == null) {
            // The file's url is the manifest's presigned URL: a plain GET, no credentials needed.
            return http.call("S3 GET of the manifest " + Urls.withoutQuery(presigned),
                    () -> new BasicClassicHttpRequest("GET", URI.create(presigned)),
                    FileTransfer::readLimited);
        }
        try (InputStream in = new ResumingInputStream(location.store(), location.key() + "manifest", http)) {
            return in.readNBytes(MAX_MANIFEST_BYTES);
        }
    }

    private static byte[] readLimited(ClassicHttpResponse response) throws IOException {
        try (InputStream in = response.getEntity().getContent()) {
            return in.readNBytes(MAX_MANIFEST_BYTES);
        }
    }

    @Override
    public void close() {
        if (ownExecutor) {
            executor.shutdownNow();
        }
        http.close();
    }
}
