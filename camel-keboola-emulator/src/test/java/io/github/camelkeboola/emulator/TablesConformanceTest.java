package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import io.github.camelkeboola.emulator.api.Tables;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Table list, detail, delete and the deprecated sync create (no file storage needed). */
class TablesConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @BeforeAll
    static void bucket() {
        assertEquals(201, api().postJson("/v2/storage/buckets", Map.of("name", "main")).status());
    }

    @Test
    void syncCreateAnswers201WithTheTable() {
        ApiClient.Response created = api().postForm("/v2/storage/buckets/in.c-main/tables",
                "name", "languages", "dataString", "Id,Name\n1,Czech\n2,English\n", "primaryKey", "Id");
        assertEquals(201, created.status(), created.toString());
        JsonNode table = created.json();
        assertEquals("in.c-main.languages", table.get("id").asText());
        assertEquals("languages", table.get("name").asText());
        assertEquals(List.of("Id", "Name"), strings(table.get("columns")));
        assertEquals(List.of("Id"), strings(table.get("primaryKey")));
        assertEquals(2, table.get("rowsCount").asLong());
        assertEquals("in.c-main", table.at("/bucket/id").asText());
        assertFalse(table.get("isTyped").asBoolean());
        assertTrue(table.get("lastImportDate").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}"));
        assertFalse(strings(table.get("columns")).contains("_timestamp"));

        JsonNode detail = api().get("/v2/storage/tables/in.c-main.languages").json();
        assertEquals(table.get("lastImportDate"), detail.get("lastImportDate"));
        assertEquals(KEBOOLA.emulator().baseUrl() + "/v2/storage/tables/in.c-main.languages", detail.get("uri").asText());
    }

    @Test
    void syncCreateRefusesJson() {
        ApiClient.Response response = api().postJson("/v2/storage/buckets/in.c-main/tables",
                Map.of("name", "json", "dataString", "a\n1"));
        assertEquals(400, response.status());
        assertEquals(404, api().get("/v2/storage/tables/in.c-main.json").status());
    }

    @Test
    void primaryKeyAsArrayIs400() {
        ApiClient.Response response = api().postForm("/v2/storage/buckets/in.c-main/tables",
                "name", "pkarray", "dataString", "a,b\n1,2", "primaryKey[]", "a");
        assertEquals(400, response.status());
        assertEquals("storage.validation.primaryKey", response.json().get("code").asText());
    }

    @Test
    void multiColumnPrimaryKeyIsCommaSeparated() {
        JsonNode table = api().postForm("/v2/storage/buckets/in.c-main/tables",
                "name", "pk2", "dataString", "a,b,c\n1,2,3", "primaryKey", "a,b").json();
        assertEquals(List.of("a", "b"), strings(table.get("primaryKey")));
    }

    @Test
    void primaryKeyColumnMustExist() {
        ApiClient.Response response = api().postForm("/v2/storage/buckets/in.c-main/tables",
                "name", "pkbad", "dataString", "a,b\n1,2", "primaryKey", "x");
        assertEquals(400, response.status());
        assertEquals("storage.tables.validation.invalidPrimaryKeyColumns", response.json().get("code").asText());
    }

    @Test
    void duplicateTableIs400() {
        api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "twice", "dataString", "a\n1");
        ApiClient.Response again = api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "twice", "dataString", "a\n1");
        assertEquals(400, again.status());
        assertEquals("storage.buckets.tableAlreadyExists", again.json().get("code").asText());
    }

    @Test
    void invalidNamesAre400() {
        assertEquals(400, api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "with.dot", "dataString", "a\n1").status());
        ApiClient.Response badColumn = api().postForm("/v2/storage/buckets/in.c-main/tables",
                "name", "badcol", "dataString", "_a,b c\n1,2");
        assertEquals(400, badColumn.status());
        assertEquals("storage.tables.validation.invalidColumnName", badColumn.json().get("code").asText());
    }

    @Test
    void listsTablesGloballyAndPerBucket() {
        api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "listed", "dataString", "a\n1");
        assertTrue(api().get("/v2/storage/tables").json().findValuesAsText("id").contains("in.c-main.listed"));
        assertTrue(api().get("/v2/storage/buckets/in.c-main/tables?include=columns").json().findValuesAsText("id")
                .contains("in.c-main.listed"));
        assertEquals(404, api().get("/v2/storage/buckets/in.c-none/tables").status());
    }

    @Test
    void unknownTableIs404WithTheRightCode() {
        ApiClient.Response missingTable = api().get("/v2/storage/tables/in.c-main.nothing");
        assertEquals(404, missingTable.status());
        assertEquals("storage.tables.notFound", missingTable.json().get("code").asText());
        assertTrue(missingTable.json().get("error").asText().contains("nothing"));
        ApiClient.Response missingBucket = api().get("/v2/storage/tables/in.c-none.nothing");
        assertEquals(404, missingBucket.status());
        assertEquals("storage.buckets.notFound", missingBucket.json().get("code").asText());
    }

    @Test
    void deleteIsA202Job() {
        api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "todrop", "dataString", "a\n1");
        ApiClient.Response accepted = api().delete("/v2/storage/tables/in.c-main.todrop");
        assertEquals(202, accepted.status());
        assertEquals("waiting", accepted.json().get("status").asText());
        JsonNode job = api().waitForJob(accepted);
        assertEquals("success", job.get("status").asText());
        assertEquals("tableDrop", job.get("operationName").asText());
        assertEquals("in.c-main.todrop", job.get("tableId").asText());
        assertEquals(404, api().get("/v2/storage/tables/in.c-main.todrop").status());
    }

    @Test
    void readTokenCanReadButNotWrite() {
        api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "guarded", "dataString", "a\n1");
        ApiClient reader = api().withToken(KEBOOLA.emulator().createToken("r", Map.of("in.c-main", "read")));
        assertEquals(200, reader.get("/v2/storage/tables/in.c-main.guarded").status());
        ApiClient.Response delete = reader.delete("/v2/storage/tables/in.c-main.guarded");
        assertEquals(403, delete.status());
        assertEquals("accessDenied", delete.json().get("code").asText());
        ApiClient writer = api().withToken(KEBOOLA.emulator().createToken("w", Map.of("in.c-main", "write")));
        assertEquals(200, writer.postForm("/v2/storage/tables/in.c-main.guarded/import", "dataString", "a\n2").status());
        ApiClient stranger = api().withToken(KEBOOLA.emulator().createToken("s", Map.of("in.c-other", "read")));
        assertEquals(403, stranger.get("/v2/storage/tables/in.c-main.guarded").status());
        assertFalse(stranger.get("/v2/storage/tables").json().findValuesAsText("id").contains("in.c-main.guarded"));
    }

    @Test
    void asyncCreateFromUploadedFileIsATableCreateJobWhoseResultsAreTheTable() {
        Tables tables = new Tables(api());
        long fileId = tables.upload("id,name\n1,a\n2,b\n");
        ApiClient.Response accepted = api().postJson("/v2/storage/buckets/in.c-main/tables-async",
                Map.of("name", "fromfile", "dataFileId", fileId, "primaryKey", "id"));
        assertEquals(202, accepted.status(), accepted.toString());
        JsonNode queued = accepted.json();
        assertEquals("waiting", queued.get("status").asText());
        assertEquals("tableCreate", queued.get("operationName").asText());
        assertEquals(fileId, queued.at("/operationParams/source/fileId").asLong());
        assertEquals(KEBOOLA.emulator().baseUrl() + "/v2/storage/jobs/" + queued.get("id").asText(), queued.get("url").asText());
        JsonNode table = api().jobResults(accepted);
        assertEquals("in.c-main.fromfile", table.get("id").asText());
        assertEquals(List.of("id", "name"), strings(table.get("columns")));
        assertEquals(List.of("id"), strings(table.get("primaryKey")));
        assertEquals(2, table.get("rowsCount").asLong());
    }

    @Test
    void asyncCreateFromGzipAndFormEncodedRequest() {
        Tables tables = new Tables(api());
        long fileId = tables.upload("data.csv.gz", Tables.gzip("a;b\n\"x;y\";2\n"));
        ApiClient.Response accepted = api().postForm("/v2/storage/buckets/in.c-main/tables-async",
                "name", "gz", "dataFileId", String.valueOf(fileId), "delimiter", ";");
        assertEquals(1, api().jobResults(accepted).get("rowsCount").asLong());
        assertEquals("\"a\",\"b\"\n\"x;y\",\"2\"\n", api().get("/v2/storage/tables/in.c-main.gz/data-preview").body());
    }

    @Test
    void asyncCreateFromSlicedFile() {
        ApiClient.Response prepared = api().postJson("/v2/storage/files/prepare",
                Map.of("name", "sliced.csv", "isSliced", true, "federationToken", true));
        JsonNode file = prepared.json();
        String key = file.at("/uploadParams/key").asText();
        String bucket = file.at("/uploadParams/bucket").asText();
        S3Files.upload(file, "part0", "1,a\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        S3Files.upload(file, "part1", Tables.gzip("2,b\n3,c\n"));
        S3Files.upload(file, "manifest", ("{\"entries\":[{\"url\":\"s3://" + bucket + "/" + key + "part0\"},"
                + "{\"url\":\"s3://" + bucket + "/" + key + "part1\"}]}").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ApiClient.Response accepted = api().postJson("/v2/storage/buckets/in.c-main/tables-async",
                Map.of("name", "sliced", "dataFileId", file.get("id").asLong(), "columns", List.of("id", "name")));
        JsonNode table = api().jobResults(accepted);
        assertEquals(3, table.get("rowsCount").asLong());
        assertEquals(List.of("id", "name"), strings(table.get("columns")));
    }

    @Test
    void asyncCreateNeedsAnUploadedFile() {
        ApiClient.Response noFile = api().postJson("/v2/storage/buckets/in.c-main/tables-async",
                Map.of("name", "nofile", "dataString", "a,b\n1,2"));
        assertEquals(400, noFile.status());
        long notUploaded = api().postJson("/v2/storage/files/prepare", Map.of("name", "x.csv", "federationToken", true))
                .json().get("id").asLong();
        JsonNode job = api().waitForJob(api().postJson("/v2/storage/buckets/in.c-main/tables-async",
                Map.of("name", "notuploaded", "dataFileId", notUploaded)));
        assertEquals("error", job.get("status").asText());
        assertEquals("storage.fileNotUploaded", job.at("/error/code").asText());
        assertTrue(job.at("/error/exceptionId").asText().startsWith("keboola-connection-"));
        assertEquals(404, api().get("/v2/storage/tables/in.c-main.notuploaded").status());
    }

    @Test
    void deleteRowsIsAJobReportingDeletedRows() {
        api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "rows", "dataString", "id,c\n1,x\n2,y\n3,x\n");
        ApiClient.Response refused = api().send("DELETE", "/v2/storage/tables/in.c-main.rows/rows",
                java.net.http.HttpRequest.BodyPublishers.ofString("{}"), "application/json");
        assertEquals(400, refused.status());
        ApiClient.Response accepted = api().send("DELETE", "/v2/storage/tables/in.c-main.rows/rows",
                java.net.http.HttpRequest.BodyPublishers.ofString(
                        "{\"whereFilters\":[{\"column\":\"c\",\"operator\":\"eq\",\"values\":[\"x\"]}]}"), "application/json");
        JsonNode job = api().waitForJob(accepted);
        assertEquals("tableRowsDelete", job.get("operationName").asText());
        assertEquals(2, job.at("/results/deletedRows").asLong());
        assertEquals(1, api().get("/v2/storage/tables/in.c-main.rows").json().get("rowsCount").asLong());
        assertEquals("\"id\",\"c\"\n\"2\",\"y\"\n", api().get("/v2/storage/tables/in.c-main.rows/data-preview").body());
    }

    @Test
    void columnAndPrimaryKeyJobs() {
        api().postForm("/v2/storage/buckets/in.c-main/tables", "name", "shape", "dataString", "id,a\n1,x\n1,y\n");
        JsonNode added = api().waitForJob(api().postJson("/v2/storage/tables/in.c-main.shape/columns", Map.of("name", "b")));
        assertEquals("tableColumnAdd", added.get("operationName").asText());
        assertEquals(List.of("id", "a", "b"), strings(added.at("/results/columns")));
        assertEquals(400, api().postJson("/v2/storage/tables/in.c-main.shape/columns", Map.of("name", "_bad")).status());

        JsonNode duplicate = api().waitForJob(api().postJson("/v2/storage/tables/in.c-main.shape/primary-key",
                Map.of("columns", List.of("id"))));
        assertEquals("error", duplicate.get("status").asText());
        JsonNode pk = api().waitForJob(api().postJson("/v2/storage/tables/in.c-main.shape/primary-key",
                Map.of("columns", List.of("id", "a"))));
        assertEquals("success", pk.get("status").asText(), pk.toString());
        assertEquals(List.of("id", "a"), strings(api().get("/v2/storage/tables/in.c-main.shape").json().get("primaryKey")));

        JsonNode pkColumn = api().waitForJob(api().delete("/v2/storage/tables/in.c-main.shape/columns/a"));
        assertEquals("error", pkColumn.get("status").asText());
        assertEquals("success", api().waitForJob(api().delete("/v2/storage/tables/in.c-main.shape/primary-key")).get("status").asText());
        assertEquals("success", api().waitForJob(api().delete("/v2/storage/tables/in.c-main.shape/columns/a")).get("status").asText());
        JsonNode table = api().get("/v2/storage/tables/in.c-main.shape").json();
        assertEquals(List.of("id", "b"), strings(table.get("columns")));
        assertEquals(List.of(), strings(table.get("primaryKey")));
        assertEquals("\"id\",\"b\"\n\"1\",\"\"\n\"1\",\"\"\n", api().get("/v2/storage/tables/in.c-main.shape/data-preview").body());
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
