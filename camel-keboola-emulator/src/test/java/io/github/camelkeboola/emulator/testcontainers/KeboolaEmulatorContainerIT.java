package io.github.camelkeboola.emulator.testcontainers;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The emulator's standalone jar in a container answers the Storage API from the host. Skipped where no Docker
 * engine runs; {@code .ci/run} starts one and builds the base image (no image registry is reachable there).
 */
@Testcontainers(disabledWithoutDocker = true)
class KeboolaEmulatorContainerIT {

    /** Built by {@code .ci/docker/jre-base/build.sh}; used when present and no base image is configured. */
    private static final String LOCAL_BASE_IMAGE = "camel-keboola/jre17-base:local";

    private static final String TOKEN = "container-it-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    // HTTP/1.1: the storage server (Jetty) answers an h2c upgrade request with 400.
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Container
    static final KeboolaEmulatorContainer EMULATOR =
            new KeboolaEmulatorContainer(Path.of(System.getProperty("standalone.jar")), baseImage())
                    .withToken(TOKEN)
                    .withProvider("aws");

    @Test
    void indexAnswersWithoutToken() throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/v2/storage")));

        assertEquals(200, response.statusCode(), response.body());
        JsonNode index = JSON.readTree(response.body());
        assertEquals("storage", index.path("api").asText());
        assertEquals("v2", index.path("version").asText());
    }

    @Test
    void verifiesTheConfiguredTokenAndRejectsOthers() throws Exception {
        HttpResponse<String> ok = send(authorized("/v2/storage/tokens/verify", TOKEN));
        assertEquals(200, ok.statusCode(), ok.body());
        JsonNode token = JSON.readTree(ok.body());
        assertTrue(token.path("isMasterToken").asBoolean(), ok.body());
        assertEquals("aws", token.path("owner").path("fileStorageProvider").asText());

        HttpResponse<String> bad = send(authorized("/v2/storage/tokens/verify", "not-" + TOKEN));
        assertEquals(401, bad.statusCode(), bad.body());
        assertEquals("storage.tokenInvalid", JSON.readTree(bad.body()).path("code").asText());
        assertFalse(bad.body().contains(TOKEN), "the error must not echo the token");
    }

    @Test
    void createsBucketAndTableAndReadsRowsBack() throws Exception {
        HttpResponse<String> bucket = send(postForm("/v2/storage/buckets", Map.of("name", "container-it", "stage", "in")));
        assertEquals(201, bucket.statusCode(), bucket.body());
        assertEquals("in.c-container-it", JSON.readTree(bucket.body()).path("id").asText());

        Map<String, String> table = new LinkedHashMap<>();
        table.put("name", "people");
        table.put("primaryKey", "id");
        table.put("dataString", "id,name\n1,Ada\n2,Linus\n");
        HttpResponse<String> created = send(postForm("/v2/storage/buckets/in.c-container-it/tables", table));
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("in.c-container-it.people", JSON.readTree(created.body()).path("id").asText());

        HttpResponse<String> preview = send(
                authorized("/v2/storage/tables/in.c-container-it.people/data-preview", TOKEN));
        assertEquals(200, preview.statusCode(), preview.body());
        assertEquals("\"id\",\"name\"\n\"1\",\"Ada\"\n\"2\",\"Linus\"\n", preview.body());
    }

    @Test
    void fileUrlsHandedOutByTheContainerWorkFromTheHost() throws Exception {
        Map<String, String> table = Map.of("name", "cities", "dataString", "id,city\n1,PRG\n2,VAN\n");
        send(postForm("/v2/storage/buckets", Map.of("name", "container-files", "stage", "in")));
        HttpResponse<String> created = send(postForm("/v2/storage/buckets/in.c-container-files/tables", table));
        assertEquals(201, created.statusCode(), created.body());

        HttpResponse<String> accepted = send(authorized("/v2/storage/tables/in.c-container-files.cities/export-async", TOKEN)
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertEquals(202, accepted.statusCode(), accepted.body());
        String jobId = JSON.readTree(accepted.body()).path("id").asText();
        JsonNode job = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> JSON.readTree(send(authorized("/v2/storage/jobs/" + jobId, TOKEN)).body()),
                        j -> !j.path("status").asText().matches("waiting|processing"));
        assertEquals("success", job.path("status").asText(), job.toString());

        HttpResponse<String> detail = send(authorized(
                "/v2/storage/files/" + job.at("/results/file/id").asLong() + "?federationToken=1", TOKEN));
        assertEquals(200, detail.statusCode(), detail.body());
        JsonNode file = JSON.readTree(detail.body());
        assertTrue(file.path("isSliced").asBoolean(), detail.body());

        // The presigned manifest URL points at the storage server inside the container; no Storage token goes there.
        HttpResponse<String> manifest = send(HttpRequest.newBuilder(URI.create(file.path("url").asText())));
        assertEquals(200, manifest.statusCode(), manifest.body());
        assertTrue(JSON.readTree(manifest.body()).path("entries").size() >= 1, manifest.body());
    }

    private static String baseImage() {
        String configured = System.getProperty("keboola.emulator.baseImage", System.getenv("KEBOOLA_EMULATOR_BASE_IMAGE"));
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        return localImageExists(LOCAL_BASE_IMAGE) ? LOCAL_BASE_IMAGE : KeboolaEmulatorContainer.DEFAULT_BASE_IMAGE;
    }

    private static boolean localImageExists(String image) {
        if (!DockerClientFactory.instance().isDockerAvailable()) {
            return false;
        }
        try {
            DockerClientFactory.instance().client().inspectImageCmd(image).exec();
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        }
    }

    private static URI uri(String path) {
        return URI.create(EMULATOR.getBaseUrl() + path);
    }

    private static HttpRequest.Builder authorized(String path, String token) {
        return HttpRequest.newBuilder(uri(path)).header("X-StorageApi-Token", token);
    }

    /** The deprecated synchronous table create takes form fields only. */
    private static HttpRequest.Builder postForm(String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return authorized(path, TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
