package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PreviewConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @BeforeAll
    static void table() {
        api().postJson("/v2/storage/buckets", Map.of("name", "prev"));
        StringBuilder csv = new StringBuilder("id,name\n");
        for (int i = 1; i <= 1200; i++) {
            csv.append(i).append(",n").append(i).append('\n');
        }
        assertEquals(201, api().postForm("/v2/storage/buckets/in.c-prev/tables", "name", "many", "dataString", csv.toString())
                .status());
        assertEquals(201, api().postForm("/v2/storage/buckets/in.c-prev/tables", "name", "long",
                "dataString", "Name,Id\n" + "x".repeat(20_000) + ",\"a \"\"b\"\"\"\n").status());
    }

    private static ApiClient.Response preview(String table, String query) {
        return api().get("/v2/storage/tables/in.c-prev." + table + "/data-preview" + query);
    }

    @Test
    void csvWithHeaderAllQuotedDefault100Rows() {
        ApiClient.Response r = preview("many", "");
        assertEquals(200, r.status());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/csv"));
        String[] lines = r.body().split("\n", -1);
        assertEquals("\"id\",\"name\"", lines[0]);
        assertEquals(101 + 1, lines.length, "header + 100 rows + trailing newline");
        assertEquals("", lines[lines.length - 1]);
    }

    @Test
    void limitUpTo1000() {
        assertEquals(3, preview("many", "?limit=2").body().lines().count());
        assertEquals(1001, preview("many", "?limit=1000").body().lines().count());
        ApiClient.Response tooMany = preview("many", "?limit=1200");
        assertEquals(400, tooMany.status());
        assertEquals("storage.tables.validation", tooMany.json().get("code").asText());
        assertTrue(tooMany.json().get("error").asText().contains("1000"));
    }

    @Test
    void noOffset() {
        assertEquals(preview("many", "?limit=5&orderBy[0][column]=id").body(),
                preview("many", "?limit=5&offset=5&orderBy[0][column]=id").body());
    }

    @Test
    void columnsAndBracketFilters() {
        assertEquals("\"name\"\n\"n7\"\n\"n8\"\n", preview("many",
                "?columns=name&whereColumn=id&whereValues[]=7&whereValues[]=8&orderBy[0][column]=id").body());
        assertEquals("\"id\"\n\"1200\"\n\"1199\"\n", preview("many",
                "?columns=id&limit=2&orderBy[0][column]=id&orderBy[0][order]=DESC&orderBy[0][dataType]=INTEGER").body());
        assertEquals("\"id\"\n\"1199\"\n\"1200\"\n", preview("many",
                "?columns=id&orderBy[0][column]=id&whereFilters[0][column]=id&whereFilters[0][operator]=gt"
                        + "&whereFilters[0][values][0]=1198&whereFilters[0][dataType]=INTEGER").body());
    }

    @Test
    void numericFilterSkipsCellsThatAreNoNumbers() {
        api().postForm("/v2/storage/buckets/in.c-prev/tables", "name", "mixed", "dataString", "v\n10\nabc\n5\n 7.5\n");
        assertEquals("\"v\"\n\" 7.5\"\n\"10\"\n", preview("mixed",
                "?whereFilters[0][column]=v&whereFilters[0][operator]=gt&whereFilters[0][values][0]=6"
                        + "&whereFilters[0][dataType]=DOUBLE&orderBy[0][column]=v").body());
        ApiClient.Response badValue = preview("mixed", "?whereFilters[0][column]=v&whereFilters[0][operator]=gt"
                + "&whereFilters[0][values][0]=six&whereFilters[0][dataType]=INTEGER");
        assertEquals(400, badValue.status(), badValue.toString());
    }

    @Test
    void filterWithoutValuesIs400() {
        ApiClient.Response r = preview("many", "?whereFilters[0][column]=id&whereFilters[0][operator]=eq");
        assertEquals(400, r.status());
        assertEquals("storage.tables.validation", r.json().get("code").asText());
        assertTrue(r.json().get("error").asText().contains("whereFilters[0][values]"));
    }

    @Test
    void unknownColumnIs400() {
        ApiClient.Response r = preview("many", "?whereColumn=nope&whereValues[]=1");
        assertEquals(400, r.status());
        assertEquals("storage.tables.validation.columnNotExists", r.json().get("code").asText());
    }

    @Test
    void jsonFormatWithCellObjectsAndTruncation() {
        ApiClient.Response r = preview("long", "?format=json");
        assertEquals(200, r.status());
        JsonNode body = r.json();
        assertEquals("[\"Name\",\"Id\"]", body.get("columns").toString());
        JsonNode name = body.at("/rows/0/0");
        assertEquals("Name", name.get("columnName").asText());
        assertEquals(16_384, name.get("value").asText().length());
        assertTrue(name.get("isTruncated").asBoolean());
        JsonNode id = body.at("/rows/0/1");
        assertEquals("a \"b\"", id.get("value").asText());
        assertFalse(id.get("isTruncated").asBoolean());
    }

    @Test
    void otherFormatsAre400() {
        ApiClient.Response r = preview("many", "?format=csv");
        assertEquals(400, r.status());
        assertEquals("storage.tables.validation.invalidFormat", r.json().get("code").asText());
    }

    @Test
    void relativeChangedSince() {
        assertEquals(101, preview("many", "?changedSince=-2%20days").body().lines().count());
        assertEquals(1, preview("many", "?changedSince=%2B1%20day").body().lines().count());
        assertEquals(1, preview("many", "?changedUntil=-15%20seconds").body().lines().count());
    }

    @Test
    void unknownTableIs404() {
        assertEquals(404, preview("none", "").status());
    }
}
