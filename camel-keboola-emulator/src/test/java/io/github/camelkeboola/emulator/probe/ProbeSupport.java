package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Contract-level steps shared by the probes: upload a CSV, create/import/export a table, read an export back. */
final class ProbeSupport {

    private static final AtomicInteger NAMES = new AtomicInteger();

    final ProbeHttp http;

    ProbeSupport(ProbeHttp http) {
        this.http = http;
    }

    static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    /** Creates bucket {@code in.c-name}; returns its id. */
    String bucket(String name) {
        ProbeHttp.Response r = http.postJson("/v2/storage/buckets", Map.of("name", name, "stage", "in"));
        assertEquals(201, r.status(), () -> "bucket create: " + r);
        return r.json().path("id").asText();
    }

    /** files/prepare + provider upload; returns the prepared file resource. */
    JsonNode upload(String name, byte[] content) {
        ProbeHttp.Response prepare = http.postJson("/v2/storage/files/prepare",
                Map.of("name", name, "federationToken", true, "isEncrypted", true, "sizeBytes", content.length));
        assertEquals(201, prepare.status(), () -> "files/prepare: " + prepare);
        JsonNode prepared = prepare.json();
        ProbeStorage.upload(http, prepared, content);
        return prepared;
    }

    JsonNode upload(String csv) {
        return upload(unique("probe") + ".csv", csv.getBytes(StandardCharsets.UTF_8));
    }

    /** tables-async from an uploaded CSV; returns the finished job. */
    JsonNode createTableJob(String bucketId, String name, String csv, String primaryKey) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("dataFileId", upload(csv).get("id"));
        if (primaryKey != null) {
            body.put("primaryKey", primaryKey);
        }
        return http.awaitJob(http.postJson("/v2/storage/buckets/" + bucketId + "/tables-async", body));
    }

    String createTable(String bucketId, String name, String csv, String primaryKey) {
        JsonNode job = createTableJob(bucketId, name, csv, primaryKey);
        assertEquals("success", job.path("status").asText(), () -> "tableCreate failed: " + job);
        return job.path("results").path("id").asText();
    }

    JsonNode importJob(String tableId, String csv, Object incremental) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("dataFileId", upload(csv).get("id"));
        body.put("incremental", incremental);
        return http.awaitJob(http.postJson("/v2/storage/tables/" + tableId + "/import-async", body));
    }

    JsonNode export(String tableId, Map<String, Object> params) {
        JsonNode job = http.awaitJob(http.postJson("/v2/storage/tables/" + tableId + "/export-async", params));
        assertEquals("success", job.path("status").asText(), () -> "tableExport failed: " + job);
        assertEquals("tableExport", job.path("operationName").asText(), () -> "export job: " + job);
        return job;
    }

    JsonNode fileDetail(JsonNode fileId) {
        ProbeHttp.Response r = http.get("/v2/storage/files/" + fileId.asText() + "?federationToken=1");
        assertEquals(200, r.status(), () -> "file detail: " + r);
        return r.json();
    }

    /** The raw slices of an export job's file. */
    List<byte[]> exportSlices(JsonNode exportJob) {
        JsonNode detail = fileDetail(exportJob.path("results").path("file").path("id"));
        return ProbeStorage.slices(http, detail, ProbeStorage.manifest(http, detail));
    }

    /** Rows of an export (slices have no header), each as the list of its values. */
    List<List<String>> exportRows(JsonNode exportJob) {
        StringBuilder all = new StringBuilder();
        for (byte[] slice : exportSlices(exportJob)) {
            all.append(ProbeStorage.text(slice));
        }
        return csv(all.toString());
    }

    static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        try {
            for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(text))) {
                List<String> row = new ArrayList<>();
                record.forEach(row::add);
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    /** Preview rows (CSV with header) as "a|b" strings, sorted, header dropped. */
    List<String> previewRows(String tableId, String query) {
        ProbeHttp.Response r = http.get("/v2/storage/tables/" + tableId + "/data-preview" + (query.isEmpty() ? "" : "?" + query));
        assertEquals(200, r.status(), () -> "data-preview " + query + ": " + r);
        List<List<String>> rows = csv(r.text());
        assertTrue(!rows.isEmpty(), "preview has a header row");
        return rows.subList(1, rows.size()).stream().map(row -> String.join("|", row)).sorted().toList();
    }
}
