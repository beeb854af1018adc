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

class IndexAndTokensConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @Test
    void indexNeedsNoTokenAndListsServices() {
        ApiClient.Response response = api().withToken(null).get("/v2/storage");
        assertEquals(200, response.status(), response.toString());
        JsonNode index = response.json();
        assertEquals("storage", index.get("api").asText());
        assertEquals("v2", index.get("version").asText());
        assertTrue(index.get("revision").isTextual());
        assertTrue(index.get("stack").isTextual());
        assertTrue(index.get("components").isArray());
        assertTrue(index.get("features").isArray());
        assertTrue(index.at("/urlTemplates/orchestrationJob").isTextual());
        assertTrue(index.get("services").findValuesAsText("id").contains("import"));
        assertFalse(api().get("/v2/storage?exclude=components").json().has("components"));
    }

    @Test
    void masterTokenVerifies() {
        JsonNode token = api().get("/v2/storage/tokens/verify").json();
        assertTrue(token.get("isMasterToken").asBoolean());
        assertTrue(token.get("canManageBuckets").asBoolean());
        assertEquals(KEBOOLA.emulator().token(), token.get("token").asText());
        assertEquals("aws", token.at("/owner/fileStorageProvider").asText());
        assertTrue(token.has("admin"));
        assertTrue(token.get("created").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}"));
    }

    @Test
    void limitedTokenShowsItsPermissionsAndNoAdmin() {
        String limited = KEBOOLA.emulator().createToken("reader", Map.of("in.c-main", "read"));
        JsonNode token = api().withToken(limited).get("/v2/storage/tokens/verify").json();
        assertFalse(token.get("isMasterToken").asBoolean());
        assertFalse(token.get("canManageBuckets").asBoolean());
        assertEquals("read", token.at("/bucketPermissions/in.c-main").asText());
        assertFalse(token.has("admin"));
    }

    @Test
    void invalidTokenIs401WithoutEchoingIt() {
        ApiClient.Response response = api().withToken("not-a-token-123").get("/v2/storage/tokens/verify");
        assertEquals(401, response.status());
        JsonNode error = response.json();
        assertEquals("storage.tokenInvalid", error.get("code").asText());
        assertEquals("Invalid access token", error.get("error").asText());
        assertEquals("error", error.get("status").asText());
        assertTrue(error.get("exceptionId").asText().startsWith("keboola-connection-"));
        assertFalse(response.body().contains("not-a-token-123"));
    }

    @Test
    void missingTokenIs401() {
        ApiClient.Response response = api().withToken(null).get("/v2/storage/buckets");
        assertEquals(401, response.status());
        assertEquals("Access token must be set", response.json().get("error").asText());
        assertEquals("", response.json().get("code").asText());
    }

    @Test
    void bearerTokenWorks() {
        ApiClient.Response response = api().withToken(null).send("GET", "/v2/storage/tokens/verify",
                java.net.http.HttpRequest.BodyPublishers.noBody(), null);
        assertEquals(401, response.status());
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        try {
            var r = client.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(KEBOOLA.emulator().baseUrl() + "/v2/storage/tokens/verify"))
                    .header("Authorization", "Bearer " + KEBOOLA.emulator().token()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
