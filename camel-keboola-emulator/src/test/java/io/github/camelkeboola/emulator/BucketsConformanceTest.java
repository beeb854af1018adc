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
