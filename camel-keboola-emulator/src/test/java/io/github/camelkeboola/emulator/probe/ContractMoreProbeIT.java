package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.DATETIME;
import static io.github.camelkeboola.emulator.probe.ProbeHttp.texts;
import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** More of the contract: sync import, _timestamp on upserts, ordering, internal timestamp, files, run ids. */
class ContractMoreProbeIT extends AwsProbe {

    // §8 prepare answer (aws)
    @Test
    void prepareAnswerFields() {
        ProbeHttp.Response r = http.postJson("/v2/storage/files/prepare",
                Map.of("name", "fields.csv", "federationToken", true, "isEncrypted", true, "tags", List.of("t1")));
        assertEquals(201, r.status(), r::toString);
        JsonNode file = r.json();
        assertTrue(file.path("id").isNumber(), r::toString);
        assertEquals("aws", file.path("provider").asText(), r::toString);
        assertEquals("fields.csv", file.path("name").asText(), r::toString);
        assertTrue(file.path("created").asText().matches(DATETIME), r::toString);
        assertTrue(file.path("isEncrypted").asBoolean(), r::toString);
        assertEquals(List.of("t1"), texts(file.path("tags")), r::toString);
        JsonNode params = file.path("uploadParams");
        assertTrue(params.path("key").isTextual() && params.path("bucket").isTextual(), r::toString);
        assertEquals("AES256", params.path("x-amz-server-side-encryption").asText(), r::toString);
        assertTrue(params.path("credentials").path("Expiration").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00"),
                r::toString);
        assertTrue(file.path("url").asText().contains("X-Amz-"), "presigned url: " + file.path("url"));
    }

    // §7/§8 a non-sliced file: detail isSliced false, its url downloads the object as stored
    @Test
    void plainFileDetailAndUrl() {
        JsonNode prepared = kbc.upload("plain.csv", "a,b\n1,2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        JsonNode detail = kbc.fileDetail(prepared.get("id"));
        assertFalse(detail.path("isSliced").asBoolean(), detail::toString);
        assertEquals(prepared.path("uploadParams").path("key").asText(), detail.path("s3Path").path("key").asText(), detail::toString);
        ProbeHttp.Response r = http.send(HttpRequest.newBuilder(URI.create(detail.path("url").asText()))
                .version(HttpClient.Version.HTTP_1_1).GET().build());
        assertEquals(200, r.status(), r::toString);
        assertEquals("a,b\n1,2\n", r.text());
        ProbeHttp.Response noToken = http.getWithToken("/v2/storage/files/" + prepared.get("id").asText(), null);
        assertEquals(401, noToken.status(), noToken::toString);
        assertEquals(404, http.get("/v2/storage/files/987654321").status());
    }

    // §5 deprecated sync import
    @Test
    void syncImport() {
        String bucket = kbc.bucket(unique("more-syncimp"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        ProbeHttp.Response r = http.postForm("/v2/storage/tables/" + table + "/import", "dataString", "id,v\n2,b\n", "incremental", "1");
        assertEquals(200, r.status(), r::toString);
        assertEquals("ok", r.json().path("status").asText(), r::toString);
        assertEquals(List.of("id", "v"), texts(r.json().path("importedColumns")), r::toString);
        assertEquals(List.of("1|a", "2|b"), kbc.previewRows(table, ""));
    }

    // §6/§11 string tables: an incremental upsert re-stamps only the rows whose values changed
    @Test
    void upsertRestampsOnlyChangedRows() {
        String bucket = kbc.bucket(unique("more-stamp"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n2,b\n", "id");
        long first = lastImport(table);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50)).until(() -> Instant.now().getEpochSecond() > first);
        assertEquals("success", kbc.importJob(table, "id,v\n1,a\n2,changed\n", true).path("status").asText());
        long second = lastImport(table);
        assertEquals(List.of("2|changed"), kbc.previewRows(table, "changedSince=" + second));
        assertEquals(List.of("1|a"), kbc.previewRows(table, "changedUntil=" + second));
    }

    // §6 column names are case-sensitive
    @Test
    void columnCaseMatters() {
        String bucket = kbc.bucket(unique("more-case"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        JsonNode job = kbc.importJob(table, "ID,v\n2,b\n", true);
        assertEquals("error", job.path("status").asText(), job::toString);
        assertEquals("csvImport.columnsNotMatch", job.path("error").path("code").asText(), job::toString);
    }

    // §7 includeInternalTimestamp appends _timestamp as the last column; orderBy sorts
    @Test
    void exportInternalTimestampAndOrder() {
        String bucket = kbc.bucket(unique("more-order"));
        String table = kbc.createTable(bucket, "t", "id,v\n2,b\n3,c\n1,a\n", null);
        List<List<String>> stamped = kbc.exportRows(kbc.export(table, Map.of("includeInternalTimestamp", true)));
        assertEquals(3, stamped.size());
        stamped.forEach(row -> {
            assertEquals(3, row.size(), row::toString);
            assertFalse(row.get(2).isBlank(), row::toString);
        });
        List<List<String>> ordered = kbc.exportRows(kbc.export(table,
                Map.of("orderBy", List.of(Map.of("column", "id", "order", "DESC")))));
        assertEquals(List.of("3", "2", "1"), ordered.stream().map(r -> r.get(0)).toList());
        assertEquals(List.of("3|c", "2|b", "1|a"),
                previewInOrder(table, "orderBy[0][column]=id&orderBy[0][order]=DESC"));
    }

    // §9 job url leads to the job; §0 X-KBC-RunId becomes the job's and the file's runId
    @Test
    void jobUrlAndRunIdOnFiles() {
        String bucket = kbc.bucket(unique("more-run"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response accepted = http.postFormHeader("/v2/storage/tables/" + table + "/export-async", "X-KBC-RunId", "run-7",
                "gzip", "1");
        String url = accepted.json().path("url").asText();
        JsonNode job = http.awaitSuccess(accepted);
        ProbeHttp.Response byUrl = http.get(url);
        assertEquals(200, byUrl.status(), byUrl::toString);
        assertEquals(job.path("id").asText(), byUrl.json().path("id").asText());
        JsonNode file = kbc.fileDetail(job.path("results").path("file").path("id"));
        assertEquals("run-7", file.path("runId").asText(), file::toString);
    }

    // §13 an import leaves storage.* events on the table
    @Test
    void importEvents() {
        String bucket = kbc.bucket(unique("more-ev"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        kbc.importJob(table, "id\n2\n", true);
        JsonNode events = http.get("/v2/storage/tables/" + table + "/events").json();
        assertTrue(events.size() >= 2, events::toString);
        events.forEach(e -> assertTrue(e.path("event").asText().startsWith("storage."), e::toString));
        assertTrue(events.toString().contains("storage.tableImportDone"), events::toString);
        assertEquals(table, events.get(0).path("objectId").asText(), events::toString);
    }

    // §3 bucket update and delete of a non-empty bucket without force
    @Test
    void bucketUpdateAndDeleteNotEmpty() {
        String bucket = kbc.bucket(unique("more-bucket"));
        kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response updated = http.send(http.request("/v2/storage/buckets/" + bucket, emulator.token())
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"displayName\":\"renamed-" + bucket.substring(5) + "\"}")).build());
        assertEquals(200, updated.status(), updated::toString);
        assertEquals("renamed-" + bucket.substring(5), updated.json().path("displayName").asText(), updated::toString);
        ProbeHttp.Response r = http.delete("/v2/storage/buckets/" + bucket);
        assertEquals(400, r.status(), r::toString);
        assertEquals("buckets.deleteNotEmpty", r.json().path("code").asText(), r::toString);
    }

    // §8 other file calls: tags add / remove, refresh (GCS only), delete (async)
    @Test
    void fileTagsRefreshAndDelete() {
        JsonNode prepared = kbc.upload("tags.csv", "a\n1\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String id = prepared.path("id").asText();
        ProbeHttp.Response tagged = http.postJson("/v2/storage/files/" + id + "/tags", Map.of("tag", "probe-tag"));
        assertTrue(tagged.status() / 100 == 2, tagged::toString);
        assertTrue(texts(kbc.fileDetail(prepared.get("id")).path("tags")).contains("probe-tag"));
        ProbeHttp.Response untagged = http.delete("/v2/storage/files/" + id + "/tags/probe-tag");
        assertTrue(untagged.status() / 100 == 2, untagged::toString);
        assertFalse(texts(kbc.fileDetail(prepared.get("id")).path("tags")).contains("probe-tag"));
        ProbeHttp.Response refreshed = http.send(http.request("/v2/storage/files/" + id + "/refresh", emulator.token())
                .PUT(HttpRequest.BodyPublishers.noBody()).build());
        // APIB: refresh is for files on GCS only; what an AWS stack answers is undocumented, this emulator refuses
        assertEquals(400, refreshed.status(), refreshed::toString);
        assertEquals("storage.files.refreshNotSupported", refreshed.json().path("code").asText(), refreshed::toString);
        ProbeHttp.Response deleted = http.delete("/v2/storage/files/" + id + "?async=true");
        if (deleted.status() == 202) {
            http.awaitSuccess(deleted);
        } else {
            assertEquals(204, deleted.status(), deleted::toString);
        }
        assertEquals(404, http.get("/v2/storage/files/" + id).status());
    }

    private static List<String> previewInOrder(String tableId, String query) {
        ProbeHttp.Response r = http.get("/v2/storage/tables/" + tableId + "/data-preview?" + query);
        List<List<String>> rows = ProbeSupport.csv(r.text());
        return rows.subList(1, rows.size()).stream().map(row -> String.join("|", row)).toList();
    }

    private static long lastImport(String tableId) {
        String value = http.get("/v2/storage/tables/" + tableId).json().path("lastImportDate").asText();
        return OffsetDateTime.parse(value, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")).toEpochSecond();
    }
}
