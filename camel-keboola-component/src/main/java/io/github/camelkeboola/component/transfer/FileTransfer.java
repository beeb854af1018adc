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
import java.util.function.Supplier;
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
        return uploadGzipped(location.store(), location.key(), csv, preparedFile.path("id").asText("?"));
    }

    /**
     * Gzips {@code csv} into slice {@code sliceName} of a sliced file, at the file's key followed by the name, as
     * Keboola's clients store slices (contract §8; PHP {@code uploadSlicedFileToS3}: {@code key . basename($slice)}).
     * Uploading the same name again replaces the slice.
     *
     * @param uploadResource the file's {@code files/prepare} or {@code files/{id}/refresh} answer
     * @return the manifest entry naming the slice ({@code s3://bucket/key+name} and the like) and its stored bytes
     */
    public UploadedSlice uploadSlice(JsonNode uploadResource, String sliceName, InputStream csv) {
        ObjectStores.Location location = ObjectStores.forUpload(uploadResource, http);
        String key = location.key() + sliceName;
        long bytes = uploadGzipped(location.store(), key, csv, uploadResource.path("id").asText("?"));
        return new UploadedSlice(location.store().entryUrlPrefix(key), bytes);
    }

    /** Where one uploaded slice is, as a manifest names it, and how many (compressed) bytes it has. */
    public record UploadedSlice(String entryUrl, long bytes) {
    }

    /**
     * Writes the manifest of a sliced file, {@code {"entries":[{"url":..},..]}} at the file's key + {@code manifest}
     * (contract §8). Each entry must lie under the file's own prefix: Storage refuses others with
     * {@code storage.unauthorizedAccess} (PHP-T {@code SlicedImportsTest::testUnauthorizedAccessInManifestFile}).
     */
    public void writeManifest(JsonNode uploadResource, List<String> entryUrls) {
        ObjectStores.Location location = ObjectStores.forUpload(uploadResource, http);
        String fileId = uploadResource.path("id").asText("?");
        var entries = JSON.createArrayNode();
        for (String url : entryUrls) {
            checkedKey(location, url, fileId);
            entries.addObject().put("url", url);
        }
        byte[] manifest = JSON.createObjectNode().set("entries", entries).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        location.store().put(location.key() + "manifest", manifest, manifest.length);
    }

    private long uploadGzipped(ObjectStore store, String key, InputStream csv, String fileId) {
        PartUploader parts = new PartUploader(store, key, settings.uploadPartSize(), executor);
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
            throw new KeboolaException("Uploading file " + fileId + " to " + store.name() + " failed: " + e.getMessage(), null, e);
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
        return openContent(fileDetail, null);
    }

    /**
     * {@link #openContent(JsonNode)}, and when the file storage refuses the detail's credentials (they expired: GCS
     * tokens live an hour), {@code freshDetail} gives the file's detail again, with new ones, and the download goes on.
     */
    public InputStream openContent(JsonNode fileDetail, Supplier<JsonNode> freshDetail) {
        ObjectStores.Location location = ObjectStores.forDownload(fileDetail, http);
        DownloadStore store = new DownloadStore(location.store(), freshDetail, http);
        try {
            if (!JsonValues.isTrue(fileDetail.path("isSliced"))) {
                return Gzip.decompressIfGzip(new ResumingInputStream(store, location.key(), http));
            }
            List<String> keys = sliceKeys(fileDetail, location);
            return new SlicedContent(store, keys, http, executor, settings.downloadParallelism());
        } catch (IOException e) {
            throw new KeboolaException("Reading file " + fileDetail.path("id").asText("?") + " from "
                    + location.store().name() + " failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * The slices of a sliced file as its manifest names them ({@code s3://bucket/key0000_part_00} and the like), in
     * order, each checked to lie under the file's prefix. Entry URLs carry no credential: reading one needs the
     * file's credentials ({@link #openSlice}).
     */
    public List<String> sliceUrls(JsonNode fileDetail) {
        ObjectStores.Location location = ObjectStores.forDownload(fileDetail, http);
        try {
            List<String> urls = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(readManifest(fileDetail, location)).path("entries")) {
                String url = entry.path("url").asText("");
                checkedKey(location, url, fileDetail.path("id").asText("?"));
                urls.add(url);
            }
            return urls;
        } catch (IOException e) {
            throw new KeboolaException("Reading the manifest of file " + fileDetail.path("id").asText("?") + " from "
                    + location.store().name() + " failed: " + e.getMessage(), null, e);
        }
    }

    /**
     * Opens one slice of a sliced file by its manifest entry URL, with the credentials of {@code fileDetail} (fetched
     * with {@code federationToken=1}, renewed from {@code freshDetail} when refused); a cut download resumes where it
     * broke off, and a gzip slice is gunzipped.
     */
    public InputStream openSlice(JsonNode fileDetail, String entryUrl, Supplier<JsonNode> freshDetail) {
        ObjectStores.Location location = ObjectStores.forDownload(fileDetail, http);
        String key = checkedKey(location, entryUrl, fileDetail.path("id").asText("?"));
        try {
            return Gzip.decompressIfGzip(new ResumingInputStream(new DownloadStore(location.store(), freshDetail, http), key, http));
        } catch (IOException e) {
            throw new KeboolaException("Reading slice " + Urls.withoutQuery(entryUrl) + " of file " + fileDetail.path("id").asText("?")
                    + " from " + location.store().name() + " failed: " + e.getMessage(), null, e);
        }
    }

    /** The slice keys of a sliced file's manifest, in order; every entry must lie under the file's own prefix. */
    private List<String> sliceKeys(JsonNode fileDetail, ObjectStores.Location location) throws IOException {
        String fileId = fileDetail.path("id").asText("?");
        JsonNode manifest = JSON.readTree(readManifest(fileDetail, location));
        List<String> keys = new ArrayList<>();
        for (JsonNode entry : manifest.path("entries")) {
            keys.add(checkedKey(location, entry.path("url").asText(""), fileId));
        }
        return keys;
    }

    /** The key of a slice entry, which must lie under the file's own prefix. */
    private static String checkedKey(ObjectStores.Location location, String url, String fileId) {
        String key = location.store().keyOfEntry(url);
        // A manifest (or a message) naming an object elsewhere would make us read or list, with this file's
        // credentials, what is not this file.
        if (key == null || !key.startsWith(location.key()) || url.contains("/../") || url.contains("/./")) {
            throw new KeboolaException("A slice of file " + fileId + " lies outside the file ("
                    + Urls.withoutQuery(url) + " does not start with " + location.store().entryUrlPrefix(location.key()) + ")", null, null);
        }
        return key;
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
        try (InputStream in = new ResumingInputStream(new DownloadStore(location.store(), null, http), location.key() + "manifest", http)) {
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
