package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * The objects of one GCS bucket: content in a {@link DirectoryObjects}, and beside it a small JSON record per
 * object with what GCS reports about it (generation, content type, MD5 and CRC32C, computed once on commit).
 */
final class GcsObjects {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bucket;
    private final DirectoryObjects content;
    private final DirectoryObjects metadata;
    private final AtomicLong generations = new AtomicLong(System.currentTimeMillis() * 1000);

    GcsObjects(String bucket, Path dir, Path metadataDir, Path staging) {
        this.bucket = bucket;
        this.content = new DirectoryObjects(dir, staging);
        this.metadata = new DirectoryObjects(metadataDir, staging);
    }

    void create() throws IOException {
        content.create();
        metadata.create();
    }

    Path staging() {
        return content.staging();
    }

    DirectoryObjects content() {
        return content;
    }

    OutputStream write(String name) throws IOException {
        return StagedOutputStream.create(staging(), staged -> commit(staged, name, "application/octet-stream"));
    }

    /** Makes a finished staged file the object {@code name}; returns its resource. */
    ObjectNode commit(Path staged, String name, String contentType) throws IOException {
        MessageDigest md5 = md5();
        CRC32C crc = new CRC32C();
        try (InputStream in = java.nio.file.Files.newInputStream(staged)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                md5.update(buffer, 0, n);
                crc.update(buffer, 0, n);
            }
        }
        ObjectNode record = JSON.createObjectNode();
        record.put("generation", Long.toString(generations.incrementAndGet()));
        record.put("contentType", contentType == null ? "application/octet-stream" : contentType);
        record.put("md5Hash", Base64.getEncoder().encodeToString(md5.digest()));
        record.put("crc32c", Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array()));
        content.commit(staged, name);
        try (OutputStream out = metadata.write(name)) {
            JSON.writeValue(out, record);
        }
        return resource(name);
    }

    /** The {@code storage#object} resource of an object. */
    ObjectNode resource(String name) throws IOException {
        if (!content.exists(name)) {
            throw new FileNotFoundException(name);
        }
        ObjectNode record;
        if (metadata.exists(name)) {
            try (InputStream in = metadata.read(name)) {
                record = (ObjectNode) JSON.readTree(in);
            }
        } else {
            record = JSON.createObjectNode().put("generation", "1").put("contentType", "application/octet-stream");
        }
        String time = content.lastModified(name).toString();
        ObjectNode object = JSON.createObjectNode();
        object.put("kind", "storage#object");
        object.put("id", bucket + "/" + name + "/" + record.path("generation").asText());
        object.put("name", name);
        object.put("bucket", bucket);
        object.put("generation", record.path("generation").asText());
        object.put("metageneration", "1");
        object.put("contentType", record.path("contentType").asText());
        object.put("storageClass", "STANDARD");
        object.put("size", Long.toString(content.size(name)));
        if (record.has("md5Hash")) {
            object.put("md5Hash", record.path("md5Hash").asText());
            object.put("crc32c", record.path("crc32c").asText());
        }
        object.put("etag", "C" + record.path("generation").asText());
        object.put("timeCreated", time);
        object.put("updated", time);
        return object;
    }

    boolean delete(String name) throws IOException {
        metadata.delete(name);
        return content.delete(name);
    }

    List<String> list(String prefix) throws IOException {
        return content.list(prefix);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
