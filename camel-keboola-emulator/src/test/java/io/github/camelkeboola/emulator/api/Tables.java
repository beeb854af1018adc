package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** The async table flows of the conformance tests: upload a CSV as a Storage file, create or import from it, export. */
public final class Tables {

    private final ApiClient api;
    /** {@code /v2/storage}, or a development branch's {@code /v2/storage/branch/{id}}. */
    private final String storage;

    public Tables(ApiClient api) {
        this(api, "/v2/storage");
    }

    public Tables(ApiClient api, String storagePath) {
        this.api = api;
        this.storage = storagePath;
    }

    /** Prepares and uploads a (not sliced) file; returns its id. */
    public long upload(String name, byte[] content) {
        ApiClient.Response prepared = api.postJson(storage + "/files/prepare",
                Map.of("name", name, "federationToken", true, "isEncrypted", true));
        if (prepared.status() != 201) {
            throw new AssertionError("prepare failed: " + prepared);
        }
        S3Files.upload(prepared.json(), "", content);
        return prepared.json().get("id").asLong();
    }

    public long upload(String csv) {
        return upload("data.csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates a table by tables-async from a CSV with header; returns the job's results (the table). */
    public JsonNode create(String bucketId, String name, String csv, String primaryKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("dataFileId", upload(csv));
        if (primaryKey != null) {
            body.put("primaryKey", primaryKey);
        }
        return api.jobResults(api.postJson(storage + "/buckets/" + bucketId + "/tables-async", body));
    }

    /** Exports with the given parameters; returns the finished job's results. */
    public JsonNode export(String tableId, Map<String, Object> params) {
        return api.jobResults(api.postJson(storage + "/tables/" + tableId + "/export-async", params));
    }

    /** Detail of a file with credentials. */
    public JsonNode file(long id) {
        ApiClient.Response r = api.get(storage + "/files/" + id + "?federationToken=1");
        if (r.status() != 200) {
            throw new AssertionError("file detail failed: " + r);
        }
        return r.json();
    }

    public static byte[] gzip(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
