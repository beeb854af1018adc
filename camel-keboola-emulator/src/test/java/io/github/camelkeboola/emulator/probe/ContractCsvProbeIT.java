package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.assertError;
import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** CSV dialects and request validation (§5, §6, §7, §3). */
class ContractCsvProbeIT extends AwsProbe {

    @Test
    void crlfUnicodeAndMultilineValues() {
        String bucket = kbc.bucket(unique("csv-dialect"));
        String table = kbc.createTable(bucket, "t", "id,text\r\n1,Příliš žluťoučký kůň\r\n2,\"two\r\nlines\"\r\n3,\"\"\r\n", "id");
        List<List<String>> rows = kbc.exportRows(kbc.export(table, Map.of("gzip", true,
                "orderBy", List.of(Map.of("column", "id")))));
        assertEquals(3, rows.size(), rows::toString);
        assertEquals(List.of("1", "Příliš žluťoučký kůň"), rows.get(0));
        assertTrue(rows.get(1).get(1).startsWith("two") && rows.get(1).get(1).endsWith("lines"), rows::toString);
        assertEquals(List.of("3", ""), rows.get(2));
    }

    @Test
    void tabDelimiterAndCustomEnclosure() {
        String bucket = kbc.bucket(unique("csv-tab"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "t");
        body.put("dataFileId", kbc.upload("id\tv\n1\t'a\tb'\n").get("id"));
        body.put("delimiter", "\t");
        body.put("enclosure", "'");
        JsonNode job = http.awaitSuccess(http.postJson("/v2/storage/buckets/" + bucket + "/tables-async", body));
        assertEquals(List.of("1|a\tb"), kbc.previewRows(job.path("results").path("id").asText(), ""));
    }

    @Test
    void gzipUploadWithoutGzName() {
        String bucket = kbc.bucket(unique("csv-gz"));
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(out)) {
            gz.write("id\n1\n".getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        JsonNode prepared = kbc.upload("data.csv.gz", out.toByteArray());
        JsonNode job = http.awaitSuccess(http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "t", "dataFileId", prepared.get("id"))));
        assertEquals(List.of("1"), kbc.previewRows(job.path("results").path("id").asText(), ""));
    }

    @Test
    void requestValidation() {
        assertError(http.postJson("/v2/storage/buckets", Map.of("stage", "in")), 400, "storage.buckets.validation");
        assertError(http.postJson("/v2/storage/buckets", Map.of("name", unique("v"), "stage", "nope")), 400, "storage.buckets.validation");
        String bucket = kbc.bucket(unique("csv-valid"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response limit = http.get("/v2/storage/tables/" + table + "/data-preview?limit=abc");
        assertEquals(400, limit.status(), limit::toString);
        ProbeHttp.Response noFile = http.postJson("/v2/storage/tables/" + table + "/import-async", Map.of("incremental", true));
        assertEquals(400, noFile.status(), noFile::toString);
        assertEquals("error", noFile.json().path("status").asText(), noFile::toString);
        // a chunked request body (no Content-Length) is read like any other
        ProbeHttp.Response chunked = http.send(http.request("/v2/storage/buckets", emulator.token())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                        ("{\"name\":\"" + unique("chunked") + "\",\"stage\":\"in\"}").getBytes(StandardCharsets.UTF_8)))).build());
        assertEquals(201, chunked.status(), chunked::toString);
    }
}
