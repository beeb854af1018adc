package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.assertError;
import static io.github.camelkeboola.emulator.probe.ProbeHttp.texts;
import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Less travelled corners of the contract, against the standalone jar (aws). */
class ContractEdgesProbeIT extends AwsProbe {

    // §1 PHP also sends Authorization: Bearer
    @Test
    void bearerToken() {
        ProbeHttp.Response r = http.send(http.request("/v2/storage/tokens/verify", null)
                .header("Authorization", "Bearer " + emulator.token()).GET().build());
        assertEquals(200, r.status(), r::toString);
    }

    // §2 exclude=components
    @Test
    void indexExcludeComponents() {
        ProbeHttp.Response r = http.getWithToken("/v2/storage?exclude=components", null);
        assertEquals(200, r.status(), r::toString);
        assertTrue(r.json().path("services").isArray(), r::toString);
    }

    // §6 full load into a PK table collapses duplicate keys of the file
    @Test
    void fullLoadDedupesPrimaryKey() {
        String bucket = kbc.bucket(unique("edge-dedup"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", "id");
        JsonNode job = kbc.importJob(table, "id,v\n2,x\n2,x\n3,y\n", false);
        assertEquals("success", job.path("status").asText(), job::toString);
        assertEquals(List.of("2|x", "3|y"), kbc.previewRows(table, ""));
        // re-importing the same file incrementally into a PK table leaves it unchanged
        kbc.importJob(table, "id,v\n2,x\n3,y\n", true);
        assertEquals(2, http.get("/v2/storage/tables/" + table).json().path("rowsCount").asInt());
    }

    // §6 import results
    @Test
    void importResultsShape() {
        String bucket = kbc.bucket(unique("edge-results"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        JsonNode job = kbc.importJob(table, "id,v\n2,b\n3,c\n", true);
        JsonNode results = job.path("results");
        assertEquals(List.of("id", "v"), texts(results.path("importedColumns")), job::toString);
        assertTrue(results.path("totalRowsCount").isNumber() && results.path("totalDataSizeBytes").isNumber(), job::toString);
        assertEquals(3, results.path("totalRowsCount").asInt(), job::toString);
        assertTrue(results.has("transaction"), job::toString);
        assertEquals("file", job.path("operationParams").path("source").path("type").asText(), job::toString);
        assertTrue(job.path("metrics").isObject(), job::toString);
    }

    // §6 empty file ⇒ csvImport.columnsNotMatch
    @Test
    void emptyFileImportFails() {
        String bucket = kbc.bucket(unique("edge-empty"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        JsonNode job = kbc.importJob(table, "", true);
        assertEquals("error", job.path("status").asText(), job::toString);
        assertEquals("csvImport.columnsNotMatch", job.path("error").path("code").asText(), job::toString);
    }

    // §6 withoutHeaders / columns on import
    @Test
    void importWithColumnsAndWithoutHeaders() {
        String bucket = kbc.bucket(unique("edge-nohead"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        JsonNode withColumns = http.awaitSuccess(http.postJson("/v2/storage/tables/" + table + "/import-async",
                Map.of("dataFileId", kbc.upload("b,2\n").get("id"), "incremental", true, "columns", List.of("v", "id"))));
        assertEquals("tableImport", withColumns.path("operationName").asText());
        JsonNode withoutHeaders = http.awaitSuccess(http.postJson("/v2/storage/tables/" + table + "/import-async",
                Map.of("dataFileId", kbc.upload("3,c\n").get("id"), "incremental", true, "withoutHeaders", true)));
        assertEquals("tableImport", withoutHeaders.path("operationName").asText());
        assertEquals(List.of("1|a", "2|b", "3|c"), kbc.previewRows(table, ""));
    }

    // §5 file id that was prepared but never uploaded; unknown file id
    @Test
    void createFromMissingFileFails() {
        String bucket = kbc.bucket(unique("edge-nofile"));
        ProbeHttp.Response prepare = http.postJson("/v2/storage/files/prepare", Map.of("name", "never.csv", "federationToken", true));
        JsonNode never = prepare.json();
        ProbeHttp.Response r = http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "t", "dataFileId", never.get("id")));
        if (r.status() == 202) {
            JsonNode job = http.awaitJob(r);
            assertEquals("error", job.path("status").asText(), job::toString);
            assertEquals("storage.fileNotUploaded", job.path("error").path("code").asText(), job::toString);
        } else {
            assertError(r, 400, "storage.fileNotUploaded");
        }
        ProbeHttp.Response unknown = http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "t", "dataFileId", 99999999));
        assertTrue(unknown.status() == 404 || unknown.status() == 400 || unknown.status() == 202, unknown::toString);
        if (unknown.status() != 202) {
            assertEquals("error", unknown.json().path("status").asText(), unknown::toString);
        } else {
            assertEquals("error", http.awaitJob(unknown).path("status").asText());
        }
    }

    // §5 PK column not in the file
    @Test
    void invalidPrimaryKeyColumn() {
        String bucket = kbc.bucket(unique("edge-badpk"));
        JsonNode job = kbc.createTableJob(bucket, "t", "id,v\n1,a\n", "nope");
        assertEquals("error", job.path("status").asText(), job::toString);
        assertEquals("storage.tables.validation.invalidPrimaryKeyColumns", job.path("error").path("code").asText(), job::toString);
    }

    // §10 preview validations
    @Test
    void previewValidations() {
        String bucket = kbc.bucket(unique("edge-prev"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        assertError(http.get("/v2/storage/tables/" + table + "/data-preview?whereColumn=nope&whereValues[]=1"), 400,
                "storage.tables.validation.columnNotExists");
        assertError(http.get("/v2/storage/tables/" + table + "/data-preview?whereFilters[0][column]=id&whereFilters[0][operator]=eq"),
                400, "storage.tables.validation");
        ProbeHttp.Response longValue = null;
        String big = "x".repeat(17000);
        String t2 = kbc.createTable(bucket, "long", "id,v\n1," + big + "\n", null);
        longValue = http.get("/v2/storage/tables/" + t2 + "/data-preview?format=json");
        JsonNode cell = longValue.json().path("rows").path(0).path(1);
        assertTrue(cell.path("isTruncated").asBoolean(), longValue::toString);
        assertEquals(16384, cell.path("value").asText().length());
        // the CSV preview carries the whole value
        assertTrue(kbc.previewRows(t2, "").get(0).endsWith(big));
    }

    // §10 130 columns ⇒ storage.maxNumberOfColumnsExceed; 30 fine
    @Test
    void previewColumnCap() {
        String bucket = kbc.bucket(unique("edge-wide"));
        String header = IntStream.range(0, 130).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        String row = IntStream.range(0, 130).mapToObj(i -> "v").collect(Collectors.joining(","));
        String table = kbc.createTable(bucket, "wide", header + "\n" + row + "\n", null);
        assertError(http.get("/v2/storage/tables/" + table + "/data-preview"), 400, "storage.maxNumberOfColumnsExceed");
        String thirty = IntStream.range(0, 30).mapToObj(i -> "c" + i).collect(Collectors.joining(","));
        assertEquals(200, http.get("/v2/storage/tables/" + table + "/data-preview?columns=" + thirty).status());
    }

    // §4 table names must not contain dots
    @Test
    void tableNameWithDotIsRejected() {
        String bucket = kbc.bucket(unique("edge-dot"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "tableWith.Dot");
        body.put("dataFileId", kbc.upload("id\n1\n").get("id"));
        ProbeHttp.Response r = http.postJson("/v2/storage/buckets/" + bucket + "/tables-async", body);
        if (r.status() == 202) {
            assertEquals("error", http.awaitJob(r).path("status").asText());
        } else {
            assertEquals(400, r.status(), r::toString);
        }
    }

    // §4 delete rows
    @Test
    void deleteRows() {
        String bucket = kbc.bucket(unique("edge-rows"));
        String table = kbc.createTable(bucket, "t", "id,city\n1,PRG\n2,VAN\n", null);
        Map<String, Object> body = Map.of("whereFilters", List.of(Map.of("column", "city", "operator", "eq", "values", List.of("PRG"))));
        ProbeHttp.Response accepted = http.send(http.request("/v2/storage/tables/" + table + "/rows", emulator.token())
                .header("Content-Type", "application/json")
                .method("DELETE", java.net.http.HttpRequest.BodyPublishers.ofString(toJson(body))).build());
        JsonNode job = http.awaitSuccess(accepted);
        assertEquals("tableRowsDelete", job.path("operationName").asText(), job::toString);
        assertEquals(1, job.path("results").path("deletedRows").asInt(), job::toString);
        assertEquals(List.of("2|VAN"), kbc.previewRows(table, ""));
    }

    // §13 sinceId accepts an event uuid; tables-async yields table events
    @Test
    void eventsSinceUuid() {
        String bucket = kbc.bucket(unique("edge-ev"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        JsonNode events = http.get("/v2/storage/tables/" + table + "/events").json();
        assertTrue(events.size() >= 1, events::toString);
        String oldest = events.get(events.size() - 1).path("uuid").asText();
        kbc.importJob(table, "id\n2\n", true);
        JsonNode since = http.get("/v2/storage/tables/" + table + "/events?sinceId=" + oldest).json();
        assertTrue(since.isArray() && since.size() >= 1, since::toString);
        since.forEach(e -> assertNotEquals(oldest, e.path("uuid").asText(), "sinceId is exclusive"));
    }

    // §8 files: form prepare with tags[], list, tags on detail
    @Test
    void filesFormPrepareAndList() {
        ProbeHttp.Response r = http.postForm("/v2/storage/files/prepare", "name", "form.csv", "federationToken", "1",
                "tags[]", "a", "tags[]", "b", "isPublic", "0");
        assertEquals(201, r.status(), r::toString);
        assertEquals(List.of("a", "b"), texts(r.json().path("tags")), r::toString);
        assertFalse(r.json().path("isPublic").asBoolean(), r::toString);
        ProbeHttp.Response list = http.get("/v2/storage/files?limit=10");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.json().isArray(), list::toString);
    }

    // §7 export with ISO and relative changedSince, columns from export operationParams
    @Test
    void exportOperationParams() {
        String bucket = kbc.bucket(unique("edge-op"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,a\n", null);
        ProbeHttp.Response accepted = http.postJson("/v2/storage/tables/" + table + "/export-async", Map.of("gzip", true));
        JsonNode export = accepted.json().path("operationParams").path("export");
        assertEquals(List.of("id", "v"), texts(export.path("columns")), accepted::toString);
        assertTrue(export.path("gzipOutput").asBoolean(), accepted::toString);
        http.awaitSuccess(accepted);
        JsonNode rel = kbc.export(table, Map.of("changedSince", "-2 days"));
        assertEquals(1, kbc.exportRows(rel).size());
        JsonNode iso = kbc.export(table, Map.of("changedSince", "2000-01-01T00:00:00+0000"));
        assertEquals(1, kbc.exportRows(iso).size());
    }

    private static String toJson(Object o) {
        try {
            return ProbeHttp.JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
