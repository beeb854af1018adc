package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The file storage of an emulated stack, in one provider flavour ({@code aws}, {@code azure} or {@code gcp}).
 * Clients reach it over the provider's own protocol with the credentials the Storage API hands out;
 * the emulator itself reads uploaded files and writes export slices through this interface.
 */
public interface FileStorage extends AutoCloseable {

    /** {@code aws}, {@code azure} or {@code gcp}, as in {@code owner.fileStorageProvider} and file resources. */
    String provider();

    /** Starts the storage server(s) on loopback. */
    void start() throws Exception;

    @Override
    void close();

    /**
     * Fills the provider fields of a {@code files/prepare} response: {@code url}, {@code region} and
     * {@code uploadParams} (aws), {@code absUploadParams} (azure) or {@code gcsUploadParams} (gcp).
     */
    void describeUpload(StoredFile file, ObjectNode resource);

    /**
     * Fills the provider fields of a file detail: {@code url} (presigned; for a sliced file the manifest's),
     * and, when {@code withCredentials} ({@code federationToken=1}), {@code s3Path} + {@code credentials},
     * {@code absPath} + {@code absCredentials} or {@code gcsPath} + {@code gcsCredentials}.
     */
    void describeDownload(StoredFile file, ObjectNode resource, boolean withCredentials);

    /** Manifest entry URL of an object: {@code s3://bucket/key}, {@code azure://account.blob.core.windows.net/container/key}, {@code gs://bucket/key}. */
    String entryUrl(String objectKey);

    /** The object key a manifest entry URL names; {@link IllegalArgumentException} when it points outside this storage. */
    String objectKey(String entryUrl);

    boolean exists(String objectKey);

    /** Size in bytes; {@link java.io.FileNotFoundException} when absent. */
    long size(String objectKey) throws IOException;

    /** Reads an object; {@link java.io.FileNotFoundException} when absent. */
    InputStream read(String objectKey) throws IOException;

    /** Writes an object from the server side (export slices, manifests); visible once the stream is closed. */
    OutputStream write(String objectKey) throws IOException;

    /** Every credential this storage handed out so far (for tests that assert none reaches a log). */
    IssuedCredentials issuedCredentials();

    /** Deletes every object whose key starts with {@code prefix}. */
    void deletePrefix(String prefix) throws IOException;
}
