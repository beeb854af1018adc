package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import io.github.camelkeboola.emulator.api.Tables;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FilesConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @Test
    void prepareAnswers201WithUploadParams() {
        ApiClient.Response r = api().postJson("/v2/storage/files/prepare",
                Map.of("name", "somefile.csv", "federationToken", true, "isEncrypted", true, "tags", List.of("t1", "t2"),
                        "sizeBytes", 12));
        assertEquals(201, r.status(), r.toString());
        JsonNode file = r.json();
        assertTrue(file.get("id").isNumber());
        assertEquals("somefile.csv", file.get("name").asText());
        assertEquals("aws", file.get("provider").asText());
        assertFalse(file.get("isSliced").asBoolean());
        assertTrue(file.get("isEncrypted").asBoolean());
        assertEquals("[\"t1\",\"t2\"]", file.get("tags").toString());
        assertEquals("AES256", file.at("/uploadParams/x-amz-server-side-encryption").asText());
        assertTrue(file.at("/uploadParams/credentials/AccessKeyId").isTextual());
        assertTrue(file.at("/uploadParams/key").asText().endsWith(file.get("id").asText() + ".somefile.csv"));
        assertTrue(file.get("url").asText().startsWith("http://127.0.0.1:"));
        assertFalse(r.body().contains(KEBOOLA.emulator().token()));
    }

    @Test
    void formPrepareWithBracketTags() {
        ApiClient.Response r = api().postForm("/v2/storage/files/prepare", "name", "f.csv", "federationToken", "1",
                "tags[]", "a", "tags[]", "b", "isPublic", "0");
        assertEquals(201, r.status(), r.toString());
        assertEquals("[\"a\",\"b\"]", r.json().get("tags").toString());
    }

    @Test
    void uploadedFileDetailHasCredentialsOnlyWithFederationToken() {
        Tables tables = new Tables(api());
        long id = tables.upload("a,b\n1,2\n");
        JsonNode detail = tables.file(id);
        assertEquals(id, detail.get("id").asLong());
        assertEquals(8, detail.get("sizeBytes").asLong());
        assertTrue(detail.at("/credentials/SessionToken").isTextual());
        assertTrue(detail.at("/s3Path/bucket").isTextual());
        JsonNode plain = api().get("/v2/storage/files/" + id).json();
        assertFalse(plain.has("credentials"));
        assertTrue(plain.get("url").isTextual());
    }

    @Test
    void listFiltersByTagAndDeleteRemoves() {
        ApiClient.Response prepared = api().postJson("/v2/storage/files/prepare",
                Map.of("name", "tagged.csv", "federationToken", true, "tags", List.of("only-here")));
        long id = prepared.json().get("id").asLong();
        S3Files.upload(prepared.json(), "", "x\n1\n".getBytes(StandardCharsets.UTF_8));
        JsonNode listed = api().get("/v2/storage/files?tags[]=only-here").json();
        assertEquals(1, listed.size());
        assertEquals(id, listed.get(0).get("id").asLong());
        assertEquals(204, api().delete("/v2/storage/files/" + id).status());
        ApiClient.Response gone = api().get("/v2/storage/files/" + id);
        assertEquals(404, gone.status());
        assertEquals("storage.files.notFound", gone.json().get("code").asText());
        assertEquals(0, api().get("/v2/storage/files?tags[]=only-here").json().size());
    }

    @Test
    void otherTokensCannotSeeMyFiles() {
        long id = new Tables(api()).upload("a\n1\n");
        ApiClient other = api().withToken(KEBOOLA.emulator().createToken("other", Map.of()));
        assertEquals(403, other.get("/v2/storage/files/" + id).status());
    }
}
