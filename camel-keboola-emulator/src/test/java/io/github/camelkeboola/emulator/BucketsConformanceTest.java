package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BucketsConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @Test
    void createsBucketWithStageAndCPrefix() {
        ApiClient.Response created = api().postJson("/v2/storage/buckets", Map.of("name", "sales", "stage", "out", "description", "d"));
        assertEquals(201, created.status(), created.toString());
        JsonNode bucket = created.json();
        assertEquals("out.c-sales", bucket.get("id").asText());
        assertEquals("c-sales", bucket.get("name").asText());
        assertEquals("sales", bucket.get("displayName").asText());
        assertEquals("out", bucket.get("stage").asText());
        assertEquals(KEBOOLA.emulator().baseUrl() + "/v2/storage/buckets/out.c-sales", bucket.get("uri").asText());
        assertTrue(bucket.get("lastChangeDate").isNull());
        assertEquals("snowflake", bucket.get("backend").asText());

        JsonNode detail = api().get("/v2/storage/buckets/out.c-sales").json();
        assertEquals("out.c-sales", detail.get("id").asText());
        assertTrue(api().get("/v2/storage/buckets").json().findValuesAsText("id").contains("out.c-sales"));
    }

    @Test
    void detailHoldsTheTablesAsObjectsAndTheAttributes() {
        api().postJson("/v2/storage/buckets", Map.of("name", "detail", "description", "Test bucket"));
        JsonNode empty = api().get("/v2/storage/buckets/in.c-detail").json();
        assertTrue(empty.get("tables").isArray() && empty.get("tables").isEmpty(), empty::toString);
        assertTrue(empty.get("attributes").isArray() && empty.get("attributes").isEmpty(), empty::toString);
        assertEquals("Test bucket", empty.get("description").asText());

        new io.github.camelkeboola.emulator.api.Tables(api()).create("in.c-detail", "some-table", "col1,col2\nping,pong\n", null);
        JsonNode detail = api().get("/v2/storage/buckets/in.c-detail").json();

        assertEquals(1, detail.get("tables").size(), detail::toString);
        JsonNode table = detail.get("tables").get(0);
        assertEquals("in.c-detail.some-table", table.get("id").asText());
        assertEquals("col1", table.at("/columns/0").asText());
        assertTrue(table.get("uri").isTextual());
        // the list keeps the tables' URL, as the API's list does
        assertTrue(api().get("/v2/storage/buckets").json().findValues("tables").stream().allMatch(JsonNode::isTextual));
    }

    @Test
    void formEncodedCreateDefaultsToStageIn() {
        ApiClient.Response created = api().postForm("/v2/storage/buckets", "name", "forms");
        assertEquals(201, created.status(), created.toString());
        assertEquals("in.c-forms", created.json().get("id").asText());
    }

    @Test
    void duplicateBucketIs400AlreadyExists() {
        api().postJson("/v2/storage/buckets", Map.of("name", "dup"));
        ApiClient.Response again = api().postJson("/v2/storage/buckets", Map.of("name", "dup"));
        assertEquals(400, again.status());
        assertEquals("storage.buckets.alreadyExists", again.json().get("code").asText());
    }

    @Test
    void invalidNameIs400() {
        ApiClient.Response response = api().postJson("/v2/storage/buckets", Map.of("name", "bad name!"));
        assertEquals(400, response.status());
        assertEquals("storage.buckets.validation", response.json().get("code").asText());
    }

    @Test
    void unknownBucketIs404() {
        ApiClient.Response response = api().get("/v2/storage/buckets/in.c-nope");
        assertEquals(404, response.status());
        assertEquals("storage.buckets.notFound", response.json().get("code").asText());
        assertTrue(response.json().get("error").asText().contains("in.c-nope"));
    }

    @Test
    void deleteIsAJobAndRemovesTheBucket() {
        api().postJson("/v2/storage/buckets", Map.of("name", "gone"));
        JsonNode job = api().waitForJob(api().delete("/v2/storage/buckets/in.c-gone?async=true"));
        assertEquals("success", job.get("status").asText());
        assertEquals("bucketDelete", job.get("operationName").asText());
        assertEquals(404, api().get("/v2/storage/buckets/in.c-gone").status());
    }

    @Test
    void syncDeleteIs204() {
        api().postJson("/v2/storage/buckets", Map.of("name", "syncgone"));
        assertEquals(204, api().delete("/v2/storage/buckets/in.c-syncgone").status());
        assertEquals(404, api().get("/v2/storage/buckets/in.c-syncgone").status());
    }

    @Test
    void nonEmptyBucketNeedsForce() {
        api().postJson("/v2/storage/buckets", Map.of("name", "full"));
        assertEquals(201, api().postForm("/v2/storage/buckets/in.c-full/tables", "name", "t", "dataString", "a\n1").status());
        ApiClient.Response refused = api().delete("/v2/storage/buckets/in.c-full");
        assertEquals(400, refused.status());
        assertEquals("buckets.deleteNotEmpty", refused.json().get("code").asText());
        assertEquals("success", api().waitForJob(api().delete("/v2/storage/buckets/in.c-full?force=true&async=true"))
                .get("status").asText());
        assertEquals(404, api().get("/v2/storage/tables/in.c-full.t").status());
    }

    @Test
    void limitedTokenCannotCreateBucketsAndSeesOnlyItsOwn() {
        api().postJson("/v2/storage/buckets", Map.of("name", "visible"));
        api().postJson("/v2/storage/buckets", Map.of("name", "hidden"));
        String limited = KEBOOLA.emulator().createToken("reader", Map.of("in.c-visible", "read"));
        ApiClient reader = api().withToken(limited);
        ApiClient.Response create = reader.postJson("/v2/storage/buckets", Map.of("name", "mine"));
        assertEquals(403, create.status());
        assertEquals("accessDenied", create.json().get("code").asText());
        assertEquals("You don't have access to the resource.", create.json().get("error").asText());
        assertTrue(reader.get("/v2/storage/buckets").json().findValuesAsText("id").contains("in.c-visible"));
        assertFalse(reader.get("/v2/storage/buckets").json().findValuesAsText("id").contains("in.c-hidden"));
        assertEquals(403, reader.get("/v2/storage/buckets/in.c-hidden").status());
        assertEquals(200, reader.get("/v2/storage/buckets/in.c-visible").status());
    }

    @Test
    void branchAliasReachesTheSameBuckets() {
        api().postJson("/v2/storage/buckets", Map.of("name", "branchy"));
        assertEquals(200, api().get("/v2/storage/branch/default/buckets/in.c-branchy").status());
        assertEquals(200, api().get("/v2/storage/branch/1/buckets/in.c-branchy").status());
    }
}
