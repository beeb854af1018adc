package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole table flow on a {@code gcp} stack: the GCS JSON API at the {@code url} origin with the handed-out bearer token. */
class GcpFlowConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("gcp");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    private static String origin(JsonNode file) {
        URI url = URI.create(file.get("url").asText());
        return url.getScheme() + "://" + url.getAuthority();
    }

    private static byte[] download(String origin, String bucket, String key, String token) throws Exception {
        HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(origin + "/storage/v1/b/" + bucket + "/o/"
                        + URLEncoder.encode(key, StandardCharsets.UTF_8) + "?alt=media"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode(), key);
        return r.body();
    }

    @Test
    void uploadCreateExportAndDownloadSlices() throws Exception {
        assertEquals("gcp", api().get("/v2/storage/tokens/verify").json().at("/owner/fileStorageProvider").asText());
        api().postJson("/v2/storage/buckets", Map.of("name", "gcp"));
        JsonNode prepared = api().postJson("/v2/storage/files/prepare", Map.of("name", "d.csv", "federationToken", true)).json();
        JsonNode params = prepared.get("gcsUploadParams");
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(origin(prepared) + "/upload/storage/v1/b/"
                        + params.get("bucket").asText() + "/o?uploadType=media&name="
                        + URLEncoder.encode(params.get("key").asText(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + params.get("access_token").asText())
                .POST(HttpRequest.BodyPublishers.ofString("id,v\n1,a\n2,b\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());

        assertEquals(2, api().jobResults(api().postJson("/v2/storage/buckets/in.c-gcp/tables-async",
                Map.of("name", "t", "dataFileId", prepared.get("id").asLong()))).get("rowsCount").asLong());
        JsonNode results = api().jobResults(api().postJson("/v2/storage/tables/in.c-gcp.t/export-async",
                Map.of("gzip", true, "orderBy", List.of(Map.of("column", "id")))));
        JsonNode file = api().get("/v2/storage/files/" + results.at("/file/id").asLong() + "?federationToken=1").json();
        assertTrue(file.get("isSliced").asBoolean());
        String bucket = file.at("/gcsPath/bucket").asText();
        String key = file.at("/gcsPath/key").asText();
        String token = file.at("/gcsCredentials/access_token").asText();
        JsonNode manifest = ApiClient.MAPPER.readTree(download(origin(file), bucket, key + "manifest", token));
        StringBuilder csv = new StringBuilder();
        for (JsonNode entry : manifest.get("entries")) {
            String url = entry.get("url").asText();
            assertTrue(url.startsWith("gs://" + bucket + "/" + key), url);
            csv.append(S3Files.text(download(origin(file), bucket, url.substring(("gs://" + bucket + "/").length()), token)));
        }
        assertEquals("\"1\",\"a\"\n\"2\",\"b\"\n", csv.toString());
    }

    @Test
    void refreshHandsOutANewTokenThatUploadsToTheSameKey() throws Exception {
        JsonNode prepared = api().postJson("/v2/storage/files/prepare", Map.of("name", "r.csv", "federationToken", true)).json();
        ApiClient.Response refreshed = api().send("PUT", "/v2/storage/files/" + prepared.get("id").asLong() + "/refresh",
                HttpRequest.BodyPublishers.noBody(), null);
        assertEquals(200, refreshed.status(), refreshed::toString);
        JsonNode params = refreshed.json().get("gcsUploadParams");
        assertEquals(prepared.at("/gcsUploadParams/key").asText(), params.get("key").asText());
        assertTrue(params.get("expires_in").asLong() > 0, refreshed::toString);
        HttpResponse<String> uploaded = HTTP.send(HttpRequest.newBuilder(URI.create(origin(prepared) + "/upload/storage/v1/b/"
                        + params.get("bucket").asText() + "/o?uploadType=media&name="
                        + URLEncoder.encode(params.get("key").asText(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + params.get("access_token").asText())
                .POST(HttpRequest.BodyPublishers.ofString("id\n1\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, uploaded.statusCode(), uploaded.body());
    }
}
