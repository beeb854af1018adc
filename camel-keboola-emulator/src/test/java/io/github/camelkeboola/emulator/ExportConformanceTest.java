package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import io.github.camelkeboola.emulator.api.Tables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExportConformanceTest {

    static final Instant T0 = Instant.parse("2024-05-01T08:00:00Z");
    static final ManualClock CLOCK = new ManualClock(T0);
    static KeboolaEmulator emulator;
    static Tables tables;

    @BeforeAll
    static void start() {
        emulator = KeboolaEmulator.builder().clock(CLOCK).sliceRows(2).start();
        tables = new Tables(api());
        assertEquals(201, api().postJson("/v2/storage/buckets", Map.of("name", "exp")).status());
        // Five rows at T0, then one more 60 s later.
        tables.create("in.c-exp", "cities", "id,city,pop\n1,PRG,1300\n2,VAN,600\n3,BRN,380\n4,PRG,1\n5,OST,280\n", "id");
        CLOCK.advance(Duration.ofSeconds(60));
        api().jobResults(api().postJson("/v2/storage/tables/in.c-exp.cities/import-async",
                Map.of("dataFileId", tables.upload("id,city,pop\n6,LIB,100\n"), "incremental", true)));
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static ApiClient api() {
        return new ApiClient(emulator.baseUrl(), emulator.token());
    }

    private static String export(Map<String, Object> params) {
        JsonNode results = tables.export("in.c-exp.cities", params);
        return S3Files.content(tables.file(results.at("/file/id").asLong()));
    }

    @Test
    void exportJobResultsAreOnlyFileIdAndCacheHit() {
        ApiClient.Response accepted = api().postJson("/v2/storage/tables/in.c-exp.cities/export-async", Map.of("gzip", true));
        assertEquals(202, accepted.status(), accepted.toString());
        JsonNode job = accepted.json();
        assertEquals("tableExport", job.get("operationName").asText());
        assertEquals("[\"id\",\"city\",\"pop\"]", job.at("/operationParams/export/columns").toString());
        assertTrue(job.at("/operationParams/export/gzipOutput").asBoolean());
        JsonNode results = api().jobResults(accepted);
        assertEquals(2, results.size(), results.toString());
        assertTrue(results.at("/file/id").isNumber());
        assertEquals(1, results.get("file").size());
        assertTrue(results.has("cacheHit"));
    }

    @Test
    void exportIsASlicedFileOfHeaderlessQuotedGzipSlices() {
        JsonNode results = tables.export("in.c-exp.cities", Map.of("gzip", true, "orderBy", List.of(Map.of("column", "id"))));
        JsonNode file = tables.file(results.at("/file/id").asLong());
        assertTrue(file.get("isSliced").asBoolean());
        assertTrue(file.get("tags").toString().contains("table-export"));
        assertTrue(file.get("sizeBytes").asLong() > 0);
        assertTrue(file.get("url").asText().contains("manifest"));
        List<byte[]> slices = S3Files.slices(file);
        assertEquals(3, slices.size(), "6 rows at 2 rows per slice");
        slices.forEach(s -> assertTrue(S3Files.isGzip(s)));
        assertEquals("\"1\",\"PRG\",\"1300\"\n\"2\",\"VAN\",\"600\"\n", S3Files.text(slices.get(0)));
        assertEquals("\"1\",\"PRG\",\"1300\"\n\"2\",\"VAN\",\"600\"\n\"3\",\"BRN\",\"380\"\n\"4\",\"PRG\",\"1\"\n"
                + "\"5\",\"OST\",\"280\"\n\"6\",\"LIB\",\"100\"\n", S3Files.content(file));
    }

    @Test
    void withoutGzipSlicesArePlain() {
        JsonNode file = tables.file(tables.export("in.c-exp.cities", Map.of("gzip", false)).at("/file/id").asLong());
        S3Files.slices(file).forEach(s -> assertFalse(S3Files.isGzip(s)));
    }

    @Test
    void columnsLimitAndOrder() {
        assertEquals("\"6\",\"LIB\"\n\"5\",\"OST\"\n", export(Map.of("columns", "id,city", "limit", 2,
                "orderBy", List.of(Map.of("column", "id", "order", "DESC")))));
        assertEquals("\"PRG\"\n\"VAN\"\n", export(Map.of("columns", List.of("city"), "limit", 2,
                "orderBy", List.of(Map.of("column", "id")))));
    }

    @Test
    void changedSinceIsInclusiveAndChangedUntilExclusive() {
        long t0 = T0.getEpochSecond();
        assertEquals("\"6\"\n", export(Map.of("columns", "id", "changedSince", t0 + 60)));
        assertEquals("", export(Map.of("columns", "id", "changedSince", t0 + 61)));
        assertEquals(5, export(Map.of("columns", "id", "changedUntil", t0 + 60)).lines().count());
        assertEquals(0, export(Map.of("columns", "id", "changedUntil", t0)).lines().count());
        assertEquals("\"6\"\n", export(Map.of("columns", "id", "changedSince", "2024-05-01T08:01:00+0000")));
        assertEquals("\"6\"\n", export(Map.of("columns", "id", "changedSince", "2024-05-01T10:01:00+02:00")));
    }

    @Test
    void whereColumnAndWhereFilters() {
        Map<String, Object> order = Map.of("column", "id");
        assertEquals("\"1\"\n\"2\"\n\"4\"\n", export(Map.of("columns", "id", "whereColumn", "city",
                "whereValues", List.of("PRG", "VAN"), "orderBy", List.of(order))));
        assertEquals("\"3\"\n\"5\"\n\"6\"\n", export(Map.of("columns", "id", "whereColumn", "city",
                "whereValues", List.of("PRG", "VAN"), "whereOperator", "ne", "orderBy", List.of(order))));
        assertEquals("\"1\"\n\"2\"\n", export(Map.of("columns", "id", "orderBy", List.of(order), "whereFilters",
                List.of(Map.of("column", "pop", "operator", "ge", "values", List.of("600"), "dataType", "INTEGER")))));
        assertEquals("\"4\"\n", export(Map.of("columns", "id", "whereFilters", List.of(
                Map.of("column", "city", "values", List.of("PRG")),
                Map.of("column", "pop", "operator", "lt", "values", List.of("10"), "dataType", "INTEGER")))));
    }

    @Test
    void includeInternalTimestampAppendsIt() {
        String csv = export(Map.of("columns", "id", "includeInternalTimestamp", true, "whereColumn", "id", "whereValues", List.of("6")));
        assertEquals("\"6\",\"2024-05-01 08:01:00\"\n", csv);
    }

    @Test
    void identicalExportOfUnchangedDataIsACacheHit() {
        JsonNode first = tables.export("in.c-exp.cities", Map.of("columns", "city", "gzip", true));
        JsonNode second = tables.export("in.c-exp.cities", Map.of("columns", "city", "gzip", true));
        assertEquals(first.at("/file/id"), second.at("/file/id"));
        assertTrue(second.get("cacheHit").asBoolean());
        JsonNode other = tables.export("in.c-exp.cities", Map.of("columns", "city", "gzip", false));
        assertNotEquals(first.at("/file/id"), other.at("/file/id"));
        assertFalse(other.get("cacheHit").asBoolean());
    }

    @Test
    void newImportInvalidatesTheCache() {
        tables.create("in.c-exp", "cached", "a\n1\n", null);
        JsonNode first = tables.export("in.c-exp.cached", Map.of());
        api().jobResults(api().postJson("/v2/storage/tables/in.c-exp.cached/import-async",
                Map.of("dataFileId", tables.upload("a\n2\n"), "incremental", true)));
        JsonNode second = tables.export("in.c-exp.cached", Map.of());
        assertNotEquals(first.at("/file/id"), second.at("/file/id"));
        assertFalse(second.get("cacheHit").asBoolean());
    }

    @Test
    void exportIsPostOnly() {
        ApiClient.Response get = api().get("/v2/storage/tables/in.c-exp.cities/export-async");
        assertEquals(405, get.status());
    }

    @Test
    void unknownColumnIs400() {
        ApiClient.Response r = api().postJson("/v2/storage/tables/in.c-exp.cities/export-async", Map.of("columns", "nope"));
        assertEquals(400, r.status());
        assertEquals("storage.tables.validation.columnNotExists", r.json().get("code").asText());
    }
}
