package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.DATETIME;
import static io.github.camelkeboola.emulator.probe.ProbeHttp.assertError;
import static io.github.camelkeboola.emulator.probe.ProbeHttp.fieldNames;
import static io.github.camelkeboola.emulator.probe.ProbeHttp.texts;
import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Black-box conformance probe written from the Storage API contract (/work/shared/keboola-storage-api.md, section
 * numbers in the comments) against the standalone emulator jar, provider aws. Only HTTP and the vendor SDKs.
 */
class ContractProbeIT extends AwsProbe {

    // §2: the index needs no token
    @Test
    void indexWithoutToken() {
        ProbeHttp.Response r = http.getWithToken("/v2/storage", null);
        assertEquals(200, r.status(), r::toString);
        JsonNode index = r.json();
        assertEquals("storage", index.path("api").asText());
        assertEquals("v2", index.path("version").asText());
        assertTrue(index.path("revision").isTextual() && index.path("stack").isTextual(), r::toString);
        assertTrue(index.path("components").isArray() && index.path("features").isArray(), r::toString);
        assertTrue(index.path("urlTemplates").path("orchestrationJob").isTextual(), r::toString);
        assertTrue(index.path("services").isArray(), r::toString);
    }

    // §1
    @Test
    void tokenVerify() {
        ProbeHttp.Response r = http.get("/v2/storage/tokens/verify");
        assertEquals(200, r.status(), r::toString);
        JsonNode token = r.json();
        assertTrue(token.path("isMasterToken").asBoolean(), r::toString);
        assertTrue(token.path("canManageBuckets").isBoolean(), r::toString);
        assertTrue(token.path("bucketPermissions").isObject(), r::toString);
        assertTrue(token.path("admin").isObject(), "admin is present for master tokens");
        assertEquals("aws", token.path("owner").path("fileStorageProvider").asText(), r::toString);
        assertTrue(token.path("owner").path("id").isTextual() || token.path("owner").path("id").isNumber(), r::toString);
        assertTrue(token.path("created").asText().matches(DATETIME), () -> "colon-less offset: " + token.path("created"));
        // header names are case-insensitive (MCP sends X-StorageAPI-Token)
        ProbeHttp.Response other = http.send(http.request("/v2/storage/tokens/verify", null)
                .header("X-StorageAPI-Token", emulator.token()).GET().build());
        assertEquals(200, other.status(), other::toString);
    }

    // §1: invalid / empty token
    @Test
    void invalidAndEmptyToken() {
        String bad = "definitely-not-" + emulator.token();
        ProbeHttp.Response invalid = http.getWithToken("/v2/storage/tokens/verify", bad);
        assertError(invalid, 401, "storage.tokenInvalid");
        assertEquals("Invalid access token", invalid.json().path("error").asText());
        assertFalse(invalid.text().contains(bad), "the token is never echoed back");
        ProbeHttp.Response onOther = http.getWithToken("/v2/storage/buckets", bad);
        assertError(onOther, 401, "storage.tokenInvalid");

        ProbeHttp.Response empty = http.send(http.request("/v2/storage/tokens/verify", null)
                .header("X-StorageApi-Token", "").GET().build());
        assertEquals(401, empty.status(), empty::toString);
        assertEquals("Access token must be set", empty.json().path("error").asText(), empty::toString);
        assertEquals("", empty.json().path("code").asText(), empty::toString);
        ProbeHttp.Response missing = http.getWithToken("/v2/storage/tokens/verify", null);
        assertEquals(401, missing.status(), missing::toString);
    }

    // §3
    @Test
    void bucketCreateDetailDuplicateAndNotFound() {
        String name = unique("probe-bucket");
        ProbeHttp.Response created = http.postJson("/v2/storage/buckets", Map.of("name", name, "stage", "in", "description", "d"));
        assertEquals(201, created.status(), created::toString);
        JsonNode bucket = created.json();
        assertEquals("in.c-" + name, bucket.path("id").asText());
        assertEquals("c-" + name, bucket.path("name").asText());
        assertEquals(name, bucket.path("displayName").asText());
        assertEquals("in", bucket.path("stage").asText());
        assertTrue(bucket.path("created").asText().matches(DATETIME), created::toString);
        assertTrue(bucket.has("backend") && bucket.has("uri") && bucket.has("tables"), created::toString);

        ProbeHttp.Response detail = http.get("/v2/storage/buckets/in.c-" + name);
        assertEquals(200, detail.status(), detail::toString);
        assertEquals("in.c-" + name, detail.json().path("id").asText());

        ProbeHttp.Response list = http.get("/v2/storage/buckets");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.text().contains("\"in.c-" + name + "\""), list::toString);

        assertError(http.postJson("/v2/storage/buckets", Map.of("name", name, "stage", "in")), 400, "storage.buckets.alreadyExists");
        assertError(http.get("/v2/storage/buckets/in.c-no-such-bucket"), 404, "storage.buckets.notFound");
        assertError(http.get("/v2/storage/tables/in.c-no-such-bucket.t"), 404, "storage.buckets.notFound");
        assertError(http.get("/v2/storage/tables/in.c-" + name + ".no_such_table"), 404, "storage.tables.notFound");
    }

    // §0: form-encoded bodies are accepted as well as JSON; out stage
    @Test
    void bucketCreateFromForm() {
        String name = unique("probe-form");
        ProbeHttp.Response created = http.postForm("/v2/storage/buckets", "name", name, "stage", "out");
        assertEquals(201, created.status(), created::toString);
        assertEquals("out.c-" + name, created.json().path("id").asText());
    }

    // §5: tables-async from an uploaded file, results = table detail
    @Test
    void tablesAsyncCreatesFromDataFileId() {
        String bucket = kbc.bucket(unique("probe-create"));
        JsonNode prepared = kbc.upload("id,name,city\n1,martin,PRG\n2,tomas,VAN\n");
        ProbeHttp.Response accepted = http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "users", "dataFileId", prepared.get("id"), "primaryKey", "id", "delimiter", ",", "enclosure", "\""));
        assertEquals(202, accepted.status(), accepted::toString);
        JsonNode queued = accepted.json();
        assertEquals("tableCreate", queued.path("operationName").asText(), accepted::toString);
        assertTrue(queued.path("url").asText().contains("/v2/storage/jobs/"), accepted::toString);
        assertTrue(queued.path("createdTime").asText().matches(DATETIME), accepted::toString);
        JsonNode job = http.awaitSuccess(accepted);
        JsonNode table = job.path("results");
        assertEquals(bucket + ".users", table.path("id").asText(), job::toString);
        assertEquals("users", table.path("name").asText(), job::toString);
        assertEquals(List.of("id", "name", "city"), texts(table.path("columns")), job::toString);
        assertEquals(List.of("id"), texts(table.path("primaryKey")), job::toString);
        assertTrue(job.path("endTime").asText().matches(DATETIME), job::toString);

        JsonNode detail = http.get("/v2/storage/tables/" + bucket + ".users").json();
        assertEquals(2, detail.path("rowsCount").asInt(), detail::toString);
        assertEquals(List.of("id", "name", "city"), texts(detail.path("columns")), "no _timestamp in columns");
        assertTrue(detail.path("lastImportDate").asText().matches(DATETIME), detail::toString);
        assertEquals(bucket, detail.path("bucket").path("id").asText(), detail::toString);
        assertEquals(List.of("1|martin|PRG", "2|tomas|VAN"), kbc.previewRows(bucket + ".users", ""));

        ProbeHttp.Response list = http.get("/v2/storage/buckets/" + bucket + "/tables");
        assertEquals(200, list.status(), list::toString);
        assertEquals(1, list.json().size(), list::toString);
        ProbeHttp.Response all = http.get("/v2/storage/tables");
        assertTrue(all.text().contains("\"" + bucket + ".users\""), all::toString);

        assertError(http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "users", "dataFileId", kbc.upload("id\n1\n").get("id"))), 400, "storage.buckets.tableAlreadyExists");
    }

    // §5: booleans and ids as strings, form body
    @Test
    void tablesAsyncAcceptsFormAndStringIds() {
        String bucket = kbc.bucket(unique("probe-formcreate"));
        JsonNode prepared = kbc.upload("a,b\nx,y\n");
        JsonNode job = http.awaitSuccess(http.postForm("/v2/storage/buckets/" + bucket + "/tables-async",
                "name", "t", "dataFileId", prepared.get("id").asText(), "primaryKey", "a,b"));
        assertEquals(List.of("a", "b"), texts(job.path("results").path("primaryKey")), job::toString);
    }

    // §5: primaryKey must be a comma-separated string
    @Test
    void primaryKeyArrayIsRejected() {
        String bucket = kbc.bucket(unique("probe-pk"));
        JsonNode prepared = kbc.upload("id,name\n1,a\n");
        ProbeHttp.Response r = http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "t", "dataFileId", prepared.get("id"), "primaryKey", List.of("id")));
        assertError(r, 400, "storage.validation.primaryKey");
    }

    // deviations table: tables-async takes no dataString
    @Test
    void tablesAsyncWithDataStringIsRejected() {
        String bucket = kbc.bucket(unique("probe-ds"));
        ProbeHttp.Response json = http.postJson("/v2/storage/buckets/" + bucket + "/tables-async",
                Map.of("name", "t", "dataString", "id,name\n1,a\n"));
        assertEquals(400, json.status(), json::toString);
        assertEquals("error", json.json().path("status").asText(), json::toString);
        ProbeHttp.Response query = http.send(http.request("/v2/storage/buckets/" + bucket
                        + "/tables-async?name=t&dataString=" + ProbeHttp.enc("id,name\n1,a\n"), emulator.token())
                .header("Content-Type", "text/csv").POST(HttpRequest.BodyPublishers.ofString("id,name\n1,a\n")).build());
        assertEquals(400, query.status(), query::toString);
        assertEquals(404, http.get("/v2/storage/tables/" + bucket + ".t").status(), "no table was created");
    }

    // §5: deprecated synchronous create with a form dataString
    @Test
    void syncCreateWithDataString() {
        String bucket = kbc.bucket(unique("probe-sync"));
        ProbeHttp.Response r = http.postForm("/v2/storage/buckets/" + bucket + "/tables",
                "name", "languages", "dataString", "Id,Name\n1,cz\n2,en\n", "primaryKey", "Id");
        assertEquals(201, r.status(), r::toString);
        JsonNode table = r.json();
        assertEquals(bucket + ".languages", table.path("id").asText(), r::toString);
        assertEquals(List.of("Id", "Name"), texts(table.path("columns")), r::toString);
        assertEquals(List.of("Id"), texts(table.path("primaryKey")), r::toString);
        assertEquals(List.of("1|cz", "2|en"), kbc.previewRows(bucket + ".languages", ""));
    }

    // §6 full load truncates, incremental + PK upserts, incremental without PK appends
    @Test
    void importSemantics() {
        String bucket = kbc.bucket(unique("probe-import"));
        String pk = kbc.createTable(bucket, "pk", "id,v\na,b\nc,d\n", "id");
        JsonNode upsert = kbc.importJob(pk, "id,v\na,updated\nnew,value\n", true);
        assertEquals("success", upsert.path("status").asText(), upsert::toString);
        assertEquals("tableImport", upsert.path("operationName").asText(), upsert::toString);
        JsonNode results = upsert.path("results");
        assertTrue(results.path("importedColumns").isArray() && results.path("warnings").isArray(), upsert::toString);
        assertEquals(List.of("a|updated", "c|d", "new|value"), kbc.previewRows(pk, ""));

        JsonNode full = kbc.importJob(pk, "v,id\nonly,z\n", false);   // any column order
        assertEquals("success", full.path("status").asText(), full::toString);
        assertEquals(List.of("z|only"), kbc.previewRows(pk, ""));

        String plain = kbc.createTable(bucket, "plain", "id,v\na,b\n", null);
        JsonNode append = kbc.importJob(plain, "id,v\na,b\n", "1");   // booleans as "1"
        assertEquals("success", append.path("status").asText(), append::toString);
        assertEquals(List.of("a|b", "a|b"), kbc.previewRows(plain, ""));
        assertEquals(2, http.get("/v2/storage/tables/" + plain).json().path("rowsCount").asInt());
    }

    // §6 extra columns are added
    @Test
    void importAddsExtraColumns() {
        String bucket = kbc.bucket(unique("probe-extra"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        JsonNode job = kbc.importJob(table, "id,extra\n2,x\n", true);
        assertEquals("success", job.path("status").asText(), job::toString);
        assertEquals(List.of("id", "extra"), texts(http.get("/v2/storage/tables/" + table).json().path("columns")));
    }

    // §6 missing columns fail the job with csvImport.columnsNotMatch
    @Test
    void importWithMissingColumnsFailsTheJob() {
        String bucket = kbc.bucket(unique("probe-missing"));
        String table = kbc.createTable(bucket, "t", "id,name,missing\n1,a,b\n", null);
        JsonNode job = kbc.importJob(table, "id,name\n2,b\n", true);
        assertEquals("error", job.path("status").asText(), job::toString);
        assertEquals("csvImport.columnsNotMatch", job.path("error").path("code").asText(), job::toString);
        assertTrue(job.path("error").path("message").asText().contains("missing"), job::toString);
        assertTrue(job.path("error").path("exceptionId").asText().startsWith("keboola-connection-"), job::toString);
        assertEquals(List.of("missing"), texts(job.path("results").path("missingColumns")), job::toString);
        assertEquals(List.of("1|a|b"), kbc.previewRows(table, ""), "a failed import changes nothing");
    }

    // §7 export: POST only, result only {file:{id}, cacheHit}, sliced file, slices without header, cache
    @Test
    void exportAsyncAndFileDetail() {
        String bucket = kbc.bucket(unique("probe-export"));
        String table = kbc.createTable(bucket, "t", "id,name\n1,martin\n2,\"quoted, \"\"x\"\"\"\n", "id");
        ProbeHttp.Response accepted = http.postJson("/v2/storage/tables/" + table + "/export-async", Map.of("gzip", true));
        assertEquals(202, accepted.status(), accepted::toString);
        assertEquals("tableExport", accepted.json().path("operationName").asText(), accepted::toString);
        JsonNode job = http.awaitSuccess(accepted);
        JsonNode results = job.path("results");
        assertEquals(Set.of("file", "cacheHit"), fieldNames(results), () -> "export results: " + job);
        assertEquals(Set.of("id"), fieldNames(results.path("file")), () -> "export results.file: " + job);
        assertFalse(results.path("cacheHit").asBoolean(), job::toString);

        JsonNode detail = kbc.fileDetail(results.path("file").path("id"));
        assertTrue(detail.path("isSliced").asBoolean(), () -> "table exports are sliced: " + detail);
        assertEquals("aws", detail.path("provider").asText(), detail::toString);
        assertTrue(detail.path("s3Path").has("bucket") && detail.path("s3Path").has("key"), detail::toString);
        assertTrue(detail.path("credentials").has("AccessKeyId") && detail.path("credentials").has("SecretAccessKey")
                && detail.path("credentials").has("SessionToken"), detail::toString);
        assertTrue(texts(detail.path("tags")).contains("table-export"), detail::toString);
        assertTrue(detail.path("created").asText().matches(DATETIME), detail::toString);

        JsonNode manifest = ProbeStorage.manifest(http, detail);
        assertTrue(manifest.path("entries").size() >= 1, manifest::toString);
        String prefix = "s3://" + detail.path("s3Path").path("bucket").asText() + "/" + detail.path("s3Path").path("key").asText();
        manifest.path("entries").forEach(e -> assertTrue(e.path("url").asText().startsWith(prefix), manifest::toString));
        List<byte[]> slices = ProbeStorage.slices(http, detail, manifest);
        slices.stream().filter(s -> s.length > 0).forEach(s -> assertTrue(ProbeStorage.isGzip(s), "gzip=true gzips every slice"));
        String csv = slices.stream().map(ProbeStorage::text).collect(Collectors.joining());
        assertTrue(csv.contains("\"1\",\"martin\""), () -> "values are double-quoted: " + csv);
        List<String> rows = ProbeSupport.csv(csv).stream().map(r -> String.join("|", r)).sorted().toList();
        assertEquals(List.of("1|martin", "2|quoted, \"x\""), rows, "slices carry no header row");

        // same export on unchanged data: the same file, cacheHit
        JsonNode again = kbc.export(table, Map.of("gzip", true));
        assertTrue(again.path("results").path("cacheHit").asBoolean(), again::toString);
        assertEquals(results.path("file").path("id").asText(), again.path("results").path("file").path("id").asText());
        // different parameters: a new file
        JsonNode plain = kbc.export(table, Map.of("gzip", false));
        assertFalse(plain.path("results").path("cacheHit").asBoolean(), plain::toString);
        assertNotEquals(results.path("file").path("id").asText(), plain.path("results").path("file").path("id").asText());
        kbc.exportSlices(plain).stream().filter(s -> s.length > 0)
                .forEach(s -> assertFalse(ProbeStorage.isGzip(s), "gzip=false gives plain slices"));
        // new import: no cache hit
        kbc.importJob(table, "id,name\n3,new\n", true);
        JsonNode afterImport = kbc.export(table, Map.of("gzip", true));
        assertFalse(afterImport.path("results").path("cacheHit").asBoolean(), afterImport::toString);
        assertEquals(3, kbc.exportRows(afterImport).size());
    }

    // §7: the url is a presigned HTTPS URL fetched by plain GET; the JDK client's default (HTTP/2, h2c upgrade on http://)
    // must work against file storage as it does against real S3 / Azure / GCS
    @Test
    void presignedUrlWithDefaultJavaHttpClient() {
        String bucket = kbc.bucket(unique("probe-h2c"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        JsonNode detail = kbc.fileDetail(kbc.export(table, Map.of()).path("results").path("file").path("id"));
        ProbeHttp.Response r = http.send(HttpRequest.newBuilder(java.net.URI.create(detail.path("url").asText())).GET().build());
        assertEquals(200, r.status(), () -> "default java.net.http GET of the manifest url: " + r);
        assertTrue(r.json().path("entries").isArray(), r::toString);
    }

    @Test
    void exportIsPostOnly() {
        String bucket = kbc.bucket(unique("probe-get-export"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response r = http.get("/v2/storage/tables/" + table + "/export-async");
        assertTrue(r.status() == 404 || r.status() == 405, () -> "GET export-async must not be accepted: " + r);
        r.json();   // still a JSON error body
    }

    // §7 columns, where filters, limit on export
    @Test
    void exportParameters() {
        String bucket = kbc.bucket(unique("probe-exparams"));
        String table = kbc.createTable(bucket, "t", "id,city,sex\n1,PRG,m\n2,VAN,f\n3,BRN,m\n", null);
        JsonNode cols = kbc.export(table, Map.of("columns", "city,id", "gzip", true));
        assertEquals(List.of("BRN|3", "PRG|1", "VAN|2"), sortedRows(kbc.exportRows(cols)));
        JsonNode in = kbc.export(table, Map.of("whereColumn", "city", "whereValues", List.of("PRG", "VAN")));
        assertEquals(List.of("1|PRG|m", "2|VAN|f"), sortedRows(kbc.exportRows(in)));
        JsonNode notIn = kbc.export(table, Map.of("whereColumn", "city", "whereValues", List.of("PRG", "VAN"), "whereOperator", "ne"));
        assertEquals(List.of("3|BRN|m"), sortedRows(kbc.exportRows(notIn)));
        JsonNode filters = kbc.export(table, Map.of("whereFilters",
                List.of(Map.of("column", "sex", "operator", "eq", "values", List.of("m")))));
        assertEquals(List.of("1|PRG|m", "3|BRN|m"), sortedRows(kbc.exportRows(filters)));
        JsonNode limited = kbc.export(table, Map.of("limit", 2));
        assertEquals(2, kbc.exportRows(limited).size());
        // form body, PHP bracket arrays
        JsonNode form = http.awaitSuccess(http.postForm("/v2/storage/tables/" + table + "/export-async",
                "whereColumn", "city", "whereValues[]", "BRN", "gzip", "1"));
        assertEquals(List.of("3|BRN|m"), sortedRows(kbc.exportRows(form)));
    }

    // §11 changedSince inclusive, changedUntil exclusive, second granularity, per-row _timestamp
    @Test
    void changedSinceAndUntil() {
        String bucket = kbc.bucket(unique("probe-changed"));
        String table = kbc.createTable(bucket, "t", "id,v\n1,first\n", "id");
        long first = lastImport(table);
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> Instant.now().getEpochSecond() > first);
        assertEquals("success", kbc.importJob(table, "id,v\n2,second\n", true).path("status").asText());
        long second = lastImport(table);
        assertTrue(second > first, "imports in different seconds");

        assertEquals(List.of("2|second"), kbc.previewRows(table, "changedSince=" + second));
        assertEquals(List.of("1|first"), kbc.previewRows(table, "changedUntil=" + second));
        assertEquals(List.of("1|first"), kbc.previewRows(table, "changedSince=" + first + "&changedUntil=" + second));
        assertEquals(List.of("1|first", "2|second"), kbc.previewRows(table, "changedSince=" + first));
        assertEquals(List.of(), kbc.previewRows(table, "changedSince=" + (second + 1)));
        // ISO-8601 and relative expressions on data-preview
        String iso = DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(Instant.ofEpochSecond(second).atOffset(java.time.ZoneOffset.UTC));
        assertEquals(List.of("2|second"), kbc.previewRows(table, "changedSince=" + ProbeHttp.enc(iso)));
        assertEquals(List.of("1|first", "2|second"), kbc.previewRows(table, "changedSince=" + ProbeHttp.enc("-2 days")));

        JsonNode since = kbc.export(table, Map.of("changedSince", second));
        assertEquals(List.of("2|second"), sortedRows(kbc.exportRows(since)));
        JsonNode until = kbc.export(table, Map.of("changedUntil", String.valueOf(second)));
        assertEquals(List.of("1|first"), sortedRows(kbc.exportRows(until)));
    }

    private static long lastImport(String tableId) {
        String value = http.get("/v2/storage/tables/" + tableId).json().path("lastImportDate").asText();
        return OffsetDateTime.parse(value, DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")).toEpochSecond();
    }

    // §10 data preview
    @Test
    void dataPreview() {
        String bucket = kbc.bucket(unique("probe-preview"));
        String csv = "id,name\n" + IntStream.rangeClosed(1, 1005).mapToObj(i -> i + ",n" + i + "\n").collect(Collectors.joining());
        String table = kbc.createTable(bucket, "t", csv, "id");
        ProbeHttp.Response plain = http.get("/v2/storage/tables/" + table + "/data-preview");
        assertEquals(200, plain.status(), plain::toString);
        assertTrue(plain.contentType().startsWith("text/csv"), () -> "content type " + plain.contentType());
        String[] lines = plain.text().split("\n", -1);
        assertEquals(102, lines.length, "header + default 100 rows + trailing newline");
        assertEquals("\"id\",\"name\"", lines[0]);
        assertTrue(lines[1].matches("\"\\d+\",\"n\\d+\""), lines[1]);
        assertEquals("", lines[101]);

        assertEquals(1000, kbc.previewRows(table, "limit=1000").size());
        assertEquals(2, kbc.previewRows(table, "limit=2").size());
        assertError(http.get("/v2/storage/tables/" + table + "/data-preview?limit=1001"), 400, "storage.tables.validation");
        assertError(http.get("/v2/storage/tables/" + table + "/data-preview?format=csv"), 400,
                "storage.tables.validation.invalidFormat");
        assertEquals(List.of("n7|7"), kbc.previewRows(table, "columns=name,id&whereColumn=id&whereValues[]=7"));
        assertEquals(List.of("5", "6"), kbc.previewRows(table,
                "columns=id&whereFilters[0][column]=id&whereFilters[0][operator]=eq&whereFilters[0][values][0]=5&whereFilters[0][values][1]=6"));
        assertEquals(2, kbc.previewRows(table, "limit=2&offset=500").size(), "offset does not exist, at most ignored");

        ProbeHttp.Response json = http.get("/v2/storage/tables/" + table + "/data-preview?format=json&limit=2&columns=id,name");
        assertEquals(200, json.status(), json::toString);
        JsonNode body = json.json();
        assertEquals(List.of("id", "name"), texts(body.path("columns")), json::toString);
        assertEquals(2, body.path("rows").size(), json::toString);
        JsonNode cell = body.path("rows").path(0).path(0);
        assertEquals("id", cell.path("columnName").asText(), json::toString);
        assertTrue(cell.path("value").isTextual() && cell.path("isTruncated").isBoolean(), json::toString);

        assertError(http.get("/v2/storage/tables/" + bucket + ".nope/data-preview"), 404, "storage.tables.notFound");
    }

    // §4 delete: 202 job tableDrop; §3 bucket delete
    @Test
    void tableAndBucketDelete() {
        String bucket = kbc.bucket(unique("probe-delete"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        JsonNode drop = http.awaitSuccess(http.delete("/v2/storage/tables/" + table + "?force=true&async=true"));
        assertEquals("tableDrop", drop.path("operationName").asText(), drop::toString);
        assertError(http.get("/v2/storage/tables/" + table), 404, "storage.tables.notFound");
        assertError(http.delete("/v2/storage/tables/" + table + "?async=true"), 404, "storage.tables.notFound");

        kbc.createTable(bucket, "other", "id\n1\n", null);
        ProbeHttp.Response bucketDrop = http.delete("/v2/storage/buckets/" + bucket + "?force=true&async=true");
        JsonNode bucketJob = http.awaitSuccess(bucketDrop);
        assertEquals("bucketDelete", bucketJob.path("operationName").asText(), bucketJob::toString);
        assertError(http.get("/v2/storage/buckets/" + bucket), 404, "storage.buckets.notFound");
    }

    // §9 jobs
    @Test
    void jobsDetailAndRunId() {
        String bucket = kbc.bucket(unique("probe-jobs"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response accepted = http.postFormHeader("/v2/storage/tables/" + table + "/export-async", "X-KBC-RunId", "run-42",
                "gzip", "true");
        JsonNode job = http.awaitSuccess(accepted);
        assertEquals("run-42", job.path("runId").asText(), job::toString);
        assertEquals(table, job.path("tableId").asText(), job::toString);
        assertTrue(job.path("startTime").asText().matches(DATETIME), job::toString);
        assertTrue(job.has("operationParams") && job.has("creatorToken"), job::toString);
        assertEquals(404, http.get("/v2/storage/jobs/987654321").status());
        ProbeHttp.Response list = http.get("/v2/storage/jobs?limit=5");
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.json().isArray(), list::toString);
        list.json().forEach(j -> assertTrue(ProbeHttp.JOB_STATUSES.contains(j.path("status").asText()), j::toString));
    }

    // §13 events
    @Test
    void events() {
        String bucket = kbc.bucket(unique("probe-events"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response tableEvents = http.get("/v2/storage/tables/" + table + "/events");
        assertEquals(200, tableEvents.status(), tableEvents::toString);
        assertTrue(tableEvents.json().isArray() && tableEvents.json().size() >= 1, tableEvents::toString);
        JsonNode event = tableEvents.json().get(0);
        assertTrue(event.has("id") && event.has("uuid") && event.has("event") && event.has("created")
                && event.has("type") && event.has("message"), event::toString);
        ProbeHttp.Response all = http.get("/v2/storage/events?limit=3");
        assertEquals(200, all.status(), all::toString);
        assertTrue(all.json().isArray() && all.json().size() <= 3, all::toString);
        ProbeHttp.Response branch = http.get("/v2/storage/branch/default/events?limit=3");
        assertEquals(200, branch.status(), branch::toString);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("component", "probe");
        body.put("message", "hello");
        body.put("type", "info");
        ProbeHttp.Response created = http.postJson("/v2/storage/events", body);
        assertEquals(201, created.status(), created::toString);
        assertTrue(created.json().has("id") && created.json().has("uuid"), created::toString);
    }

    // §0 branch-scoped aliases (GO calls everything through branch/{id})
    @Test
    void defaultBranchAliases() {
        String bucket = kbc.bucket(unique("probe-branch"));
        String table = kbc.createTable(bucket, "t", "id\n1\n", null);
        ProbeHttp.Response detail = http.get("/v2/storage/branch/default/tables/" + table);
        assertEquals(200, detail.status(), detail::toString);
        JsonNode job = http.awaitSuccess(http.postJson("/v2/storage/branch/default/tables/" + table + "/export-async", Map.of()));
        assertEquals(List.of("1"), sortedRows(kbc.exportRows(job)));
    }

    private static List<String> sortedRows(List<List<String>> rows) {
        return rows.stream().map(r -> String.join("|", r)).sorted().toList();
    }
}
