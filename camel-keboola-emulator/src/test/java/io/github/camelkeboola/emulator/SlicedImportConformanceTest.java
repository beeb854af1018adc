package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * §8 sliced imports: a manifest may list only slices of its own file (PHP-T
 * {@code SlicedImportsTest::testUnauthorizedAccessInManifestFile}: {@code storage.unauthorizedAccess}).
 */
class SlicedImportConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @Test
    void aManifestEntryOfAnotherFileIsUnauthorizedAccess() {
        assertEquals(201, api().postJson("/v2/storage/buckets", Map.of("name", "sliced")).status());
        assertEquals(201, api().postForm("/v2/storage/buckets/in.c-sliced/tables", "name", "t", "dataString", "id,name\n1,a\n").status());
        JsonNode first = prepareSliced();
        S3Files.upload(first, "part001", "2,b\n".getBytes(StandardCharsets.UTF_8));
        JsonNode second = prepareSliced();
        String entry = "s3://" + first.at("/uploadParams/bucket").asText() + "/" + first.at("/uploadParams/key").asText() + "part001";
        S3Files.upload(second, "manifest", ("{\"entries\":[{\"url\":\"" + entry + "\"}]}").getBytes(StandardCharsets.UTF_8));

        JsonNode job = api().waitForJob(api().postJson("/v2/storage/tables/in.c-sliced.t/import-async",
                Map.of("dataFileId", second.get("id").asLong(), "columns", List.of("id", "name"))));

        assertEquals("error", job.get("status").asText(), job::toString);
        assertEquals("storage.unauthorizedAccess", job.at("/error/code").asText());
        assertEquals("\"id\",\"name\"\n\"1\",\"a\"\n", api().get("/v2/storage/tables/in.c-sliced.t/data-preview").body());
    }

    private static JsonNode prepareSliced() {
        return api().postJson("/v2/storage/files/prepare", Map.of("name", "entries_", "isSliced", true, "federationToken", true)).json();
    }
}
