package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Import semantics (full load, incremental upsert/append, column rules, {@code _timestamp}) through the
 * deprecated sync import, which shares its loading with {@code import-async} (see FilesConformanceTest for the async path).
 */
class ImportConformanceTest {

    static final ManualClock CLOCK = new ManualClock(Instant.parse("2024-03-01T10:00:00Z"));
    static KeboolaEmulator emulator;

    @BeforeAll
    static void start() {
        emulator = KeboolaEmulator.builder().clock(CLOCK).start();
        assertEquals(201, api().postJson("/v2/storage/buckets", Map.of("name", "imp")).status());
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static ApiClient api() {
        return new ApiClient(emulator.baseUrl(), emulator.token());
    }

    private static void create(String name, String csv, String primaryKey) {
        ApiClient.Response r = api().postForm("/v2/storage/buckets/in.c-imp/tables", "name", name, "dataString", csv,
                "primaryKey", primaryKey);
        assertEquals(201, r.status(), r.toString());
    }

    private static ApiClient.Response load(String table, String csv, boolean incremental) {
        return api().postForm("/v2/storage/tables/in.c-imp." + table + "/import", "dataString", csv,
                "incremental", incremental ? "1" : "0");
    }

    static String preview(String table, String query) {
        ApiClient.Response r = api().get("/v2/storage/tables/in.c-imp." + table + "/data-preview" + query);
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    @Test
    void fullLoadTruncates() {
        create("full", "id,name\n1,a\n2,b\n", "");
        ApiClient.Response r = load("full", "id,name\n3,c\n", false);
        assertEquals(200, r.status(), r.toString());
        assertEquals("ok", r.json().get("status").asText());
        assertEquals(1, r.json().get("totalRowsCount").asLong());
        assertEquals("\"id\",\"name\"\n\"3\",\"c\"\n", preview("full", ""));
    }

    @Test
    void incrementalWithPrimaryKeyUpserts() {
        create("upsert", "k,v\na,b\nc,d\n", "k");
        ApiClient.Response r = load("upsert", "k,v\na,updated\nnew,value\nnew,value\n", true);
        assertEquals(3, r.json().get("totalRowsCount").asLong(), r.toString());
        assertEquals("\"k\",\"v\"\n\"a\",\"updated\"\n\"c\",\"d\"\n\"new\",\"value\"\n",
                preview("upsert", "?orderBy[0][column]=k"));
    }

    @Test
    void incrementalWithoutPrimaryKeyAppends() {
        create("append", "k,v\na,b\n", "");
        load("append", "k,v\na,b\n", true);
        assertEquals(2, api().get("/v2/storage/tables/in.c-imp.append").json().get("rowsCount").asLong());
    }

    @Test
    void sameFileIncrementallyIntoPkTableChangesNothing() {
        create("same", "k,v\n1,x\n2,y\n", "k");
        ApiClient.Response r = load("same", "k,v\n1,x\n2,y\n", true);
        assertEquals(2, r.json().get("totalRowsCount").asLong());
    }

    @Test
    void fullLoadCollapsesDuplicateKeys() {
        create("dedupe", "k,v\n1,x\n", "k");
        ApiClient.Response r = load("dedupe", "k,v\n1,x\n1,y\n2,z\n", false);
        assertEquals(2, r.json().get("totalRowsCount").asLong());
    }

    @Test
    void missingColumnsFailWithColumnsNotMatch() {
        create("strict", "id,name\n1,a\n", "");
        ApiClient.Response r = load("strict", "id\n2\n", true);
        assertEquals(400, r.status());
        assertEquals("csvImport.columnsNotMatch", r.json().get("code").asText());
        assertTrue(r.json().get("error").asText().contains("Missing columns: name"));
        assertEquals(1, api().get("/v2/storage/tables/in.c-imp.strict").json().get("rowsCount").asLong());
    }

    @Test
    void extraColumnsAreAdded() {
        create("grow", "id\n1\n", "id");
        ApiClient.Response r = load("grow", "id,extra\n2,e\n", true);
        assertEquals(200, r.status(), r.toString());
        assertEquals("[\"id\",\"extra\"]", api().get("/v2/storage/tables/in.c-imp.grow").json().get("columns").toString());
        assertEquals("\"id\",\"extra\"\n\"1\",\"\"\n\"2\",\"e\"\n", preview("grow", "?orderBy[0][column]=id"));
    }

    @Test
    void columnsInAnyOrderAndQuotedValues() {
        create("order", "a,b\n1,2\n", "");
        load("order", "b,a\n\"x,\"\"y\",3\n", true);
        assertEquals("\"a\",\"b\"\n\"1\",\"2\"\n\"3\",\"x,\"\"y\"\n", preview("order", "?orderBy[0][column]=a"));
    }

    @Test
    void importAsyncIsATableImportJobWithImportStats() {
        create("async", "id,name\n1,a\n", "id");
        io.github.camelkeboola.emulator.api.Tables tables = new io.github.camelkeboola.emulator.api.Tables(api());
        long fileId = tables.upload("id,name\n1,b\n2,c\n");
        ApiClient.Response accepted = api().postJson("/v2/storage/tables/in.c-imp.async/import-async",
                Map.of("dataFileId", fileId, "incremental", true));
        assertEquals(202, accepted.status(), accepted.toString());
        assertEquals("tableImport", accepted.json().get("operationName").asText());
        assertEquals(fileId, accepted.json().at("/operationParams/source/fileId").asLong());
        assertTrue(accepted.json().at("/operationParams/params/incremental").asBoolean());
        JsonNode results = api().jobResults(accepted);
        assertEquals(2, results.get("totalRowsCount").asLong());
        assertEquals("[\"id\",\"name\"]", results.get("importedColumns").toString());
        assertTrue(results.get("warnings").isArray());
        assertTrue(results.has("totalDataSizeBytes"));
    }

    @Test
    void importAsyncMissingColumnsFailTheJob() {
        create("asyncstrict", "id,name\n1,a\n", "");
        long fileId = new io.github.camelkeboola.emulator.api.Tables(api()).upload("id\n2\n");
        JsonNode job = api().waitForJob(api().postJson("/v2/storage/tables/in.c-imp.asyncstrict/import-async",
                Map.of("dataFileId", fileId)));
        assertEquals("error", job.get("status").asText());
        assertEquals("csvImport.columnsNotMatch", job.at("/error/code").asText());
        assertEquals("[\"name\"]", job.at("/results/missingColumns").toString());
        assertEquals("[\"id\",\"name\"]", job.at("/results/expectedColumns").toString());
    }

    @Test
    void concurrentImportsIntoOneTableAreSerialized() {
        create("serial", "id\n0\n", "");
        io.github.camelkeboola.emulator.api.Tables tables = new io.github.camelkeboola.emulator.api.Tables(api());
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 0; i < 2000; i++) {
            csv.append(i).append('\n');
        }
        long fileId = tables.upload(csv.toString());
        java.util.List<ApiClient.Response> accepted = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            accepted.add(api().postJson("/v2/storage/tables/in.c-imp.serial/import-async",
                    Map.of("dataFileId", fileId, "incremental", true)));
        }
        accepted.forEach(a -> api().jobResults(a));
        assertEquals(1 + 4 * 2000, api().get("/v2/storage/tables/in.c-imp.serial").json().get("rowsCount").asLong());
    }

    @Test
    void withoutHeadersAndExplicitColumns() {
        create("nohead", "a,b\n1,2\n", "");
        io.github.camelkeboola.emulator.api.Tables tables = new io.github.camelkeboola.emulator.api.Tables(api());
        api().jobResults(api().postJson("/v2/storage/tables/in.c-imp.nohead/import-async",
                Map.of("dataFileId", tables.upload("3,4\n"), "incremental", true, "withoutHeaders", true)));
        api().jobResults(api().postJson("/v2/storage/tables/in.c-imp.nohead/import-async",
                Map.of("dataFileId", tables.upload("6,5\n"), "incremental", true, "columns", java.util.List.of("b", "a"))));
        assertEquals("\"a\",\"b\"\n\"1\",\"2\"\n\"3\",\"4\"\n\"5\",\"6\"\n", preview("nohead", "?orderBy[0][column]=a"));
    }

    @Test
    void timestampsMoveOnlyForChangedRows() {
        create("stamps", "k,v\n1,a\n2,b\n", "k");
        JsonNode before = api().get("/v2/storage/tables/in.c-imp.stamps").json();
        long created = Instant.from(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
                .parse(before.get("lastImportDate").asText())).getEpochSecond();
        CLOCK.advance(Duration.ofSeconds(30));
        load("stamps", "k,v\n1,a\n2,changed\n3,new\n", true);
        JsonNode after = api().get("/v2/storage/tables/in.c-imp.stamps").json();
        assertNotEquals(before.get("lastImportDate"), after.get("lastImportDate"));
        assertEquals(after.get("lastImportDate"), after.get("lastChangeDate"));
        // Only the changed and the new row carry the new import time; changedSince = lastImportDate sees them.
        String since = "?changedSince=" + java.net.URLEncoder.encode(after.get("lastImportDate").asText(), java.nio.charset.StandardCharsets.UTF_8)
                + "&orderBy[0][column]=k";
        assertEquals("\"k\",\"v\"\n\"2\",\"changed\"\n\"3\",\"new\"\n", preview("stamps", since));
        assertEquals("\"k\",\"v\"\n\"1\",\"a\"\n", preview("stamps", "?changedUntil=" + (created + 30)));
        assertEquals("\"k\",\"v\"\n", preview("stamps", "?changedSince=" + (created + 31)));
    }
}
