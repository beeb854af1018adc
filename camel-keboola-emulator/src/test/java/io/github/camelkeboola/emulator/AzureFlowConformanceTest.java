package io.github.camelkeboola.emulator;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The whole table flow on an {@code azure} stack, with the Azure SDK and the SAS the API hands out. */
class AzureFlowConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("azure");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    private static BlobContainerClient container(JsonNode absCredentials, String container) {
        return new BlobServiceClientBuilder().connectionString(absCredentials.get("SASConnectionString").asText())
                .buildClient().getBlobContainerClient(container);
    }

    @Test
    void uploadCreateExportAndDownloadSlices() throws Exception {
        assertEquals("azure", api().get("/v2/storage/tokens/verify").json().at("/owner/fileStorageProvider").asText());
        api().postJson("/v2/storage/buckets", Map.of("name", "az"));
        JsonNode prepared = api().postJson("/v2/storage/files/prepare", Map.of("name", "d.csv", "federationToken", true)).json();
        assertEquals("azure", prepared.get("provider").asText());
        JsonNode params = prepared.get("absUploadParams");
        container(params.get("absCredentials"), params.get("container").asText()).getBlobClient(params.get("blobName").asText())
                .upload(BinaryData.fromString("id,v\n1,a\n2,b\n3,c\n"));

        JsonNode table = api().jobResults(api().postJson("/v2/storage/buckets/in.c-az/tables-async",
                Map.of("name", "t", "dataFileId", prepared.get("id").asLong())));
        assertEquals(3, table.get("rowsCount").asLong());

        JsonNode results = api().jobResults(api().postJson("/v2/storage/tables/in.c-az.t/export-async",
                Map.of("gzip", true, "orderBy", List.of(Map.of("column", "id")))));
        JsonNode file = api().get("/v2/storage/files/" + results.at("/file/id").asLong() + "?federationToken=1").json();
        assertTrue(file.get("isSliced").asBoolean());
        BlobContainerClient blobs = container(file.get("absCredentials"), file.at("/absPath/container").asText());
        String name = file.at("/absPath/name").asText();
        JsonNode manifest = ApiClient.MAPPER.readTree(blobs.getBlobClient(name + "manifest").downloadContent().toBytes());
        StringBuilder csv = new StringBuilder();
        String containerPrefix = "/" + file.at("/absPath/container").asText() + "/";
        for (JsonNode entry : manifest.get("entries")) {
            String url = entry.get("url").asText();
            assertTrue(url.startsWith("azure://"), url);
            String blob = url.substring(url.indexOf(containerPrefix) + containerPrefix.length());
            assertTrue(blob.startsWith(name), blob);
            byte[] slice = blobs.getBlobClient(blob).downloadContent().toBytes();
            assertTrue(S3Files.isGzip(slice));
            csv.append(S3Files.text(slice));
        }
        assertEquals("\"1\",\"a\"\n\"2\",\"b\"\n\"3\",\"c\"\n", csv.toString());
        assertTrue(new String(blobs.getBlobClient(name + "manifest").downloadContent().toBytes(), StandardCharsets.UTF_8)
                .contains("entries"));
    }
}
