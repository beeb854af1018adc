package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.texts;
import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload and export through each file-storage flavour (§7, §8): the standalone jar with {@code --provider aws|azure|gcp},
 * files moved with the provider's own protocol from the fields the contract names.
 */
class ProviderProbeIT {

    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void uploadImportAndExportThroughProvider(String provider) throws Exception {
        try (ProbeEmulator emulator = ProbeEmulator.start(provider)) {
            ProbeHttp http = new ProbeHttp(emulator.baseUrl(), emulator.token());
            ProbeSupport kbc = new ProbeSupport(http);
            assertEquals(provider, http.get("/v2/storage/tokens/verify").json().path("owner").path("fileStorageProvider").asText());

            JsonNode prepared = kbc.upload("id,name\n1,a\n2,b\n");
            assertEquals(provider, prepared.path("provider").asText(), prepared::toString);
            String uploadParams = switch (provider) {
                case "aws" -> "uploadParams";
                case "azure" -> "absUploadParams";
                default -> "gcsUploadParams";
            };
            assertTrue(prepared.has(uploadParams), () -> uploadParams + " in " + prepared);
            if (provider.equals("azure")) {
                JsonNode abs = prepared.path("absUploadParams");
                assertTrue(abs.has("blobName") && abs.has("accountName") && abs.has("container"), prepared::toString);
                assertTrue(abs.path("absCredentials").path("SASConnectionString").asText().startsWith("BlobEndpoint="), prepared::toString);
            }
            if (provider.equals("gcp")) {
                JsonNode gcs = prepared.path("gcsUploadParams");
                assertTrue(gcs.has("bucket") && gcs.has("key") && gcs.has("projectId"), prepared::toString);
                assertEquals("Bearer", gcs.path("token_type").asText(), prepared::toString);
            }

            String bucket = kbc.bucket(unique("prov-" + provider));
            Map<String, Object> create = new LinkedHashMap<>();
            create.put("name", "t");
            create.put("dataFileId", prepared.get("id"));
            create.put("primaryKey", "id");
            JsonNode created = http.awaitSuccess(http.postJson("/v2/storage/buckets/" + bucket + "/tables-async", create));
            String table = created.path("results").path("id").asText();

            // a gzipped upload (PHP compresses and names it .gz) imports like a plain one
            JsonNode gz = kbc.upload("more.csv.gz", gzip("id,name\n3,c\n"));
            JsonNode imported = http.awaitSuccess(http.postJson("/v2/storage/tables/" + table + "/import-async",
                    Map.of("dataFileId", gz.get("id"), "incremental", true)));
            assertEquals("tableImport", imported.path("operationName").asText());

            // a sliced upload: slices under key + name, manifest under key + "manifest", columns given
            JsonNode sliced = slicedUpload(http, provider, List.of("4,d\n", "5,e\n"));
            JsonNode slicedImport = http.awaitJob(http.postJson("/v2/storage/tables/" + table + "/import-async",
                    Map.of("dataFileId", sliced.get("id"), "incremental", true, "columns", List.of("id", "name"))));
            assertEquals("success", slicedImport.path("status").asText(), slicedImport::toString);

            JsonNode export = kbc.export(table, Map.of("gzip", true));
            JsonNode detail = kbc.fileDetail(export.path("results").path("file").path("id"));
            assertTrue(detail.path("isSliced").asBoolean(), detail::toString);
            assertEquals(provider, detail.path("provider").asText(), detail::toString);
            switch (provider) {
                case "aws" -> assertTrue(detail.has("s3Path") && detail.has("credentials"), detail::toString);
                case "azure" -> assertTrue(detail.path("absPath").has("container") && detail.path("absPath").has("name")
                        && detail.path("absCredentials").has("SASConnectionString"), detail::toString);
                default -> assertTrue(detail.path("gcsPath").has("bucket") && detail.path("gcsPath").has("key")
                        && detail.path("gcsCredentials").has("access_token"), detail::toString);
            }
            List<byte[]> slices = ProbeStorage.slices(http, detail, ProbeStorage.manifest(http, detail));
            slices.stream().filter(s -> s.length > 0).forEach(s -> assertTrue(ProbeStorage.isGzip(s), "gzip per slice"));
            StringBuilder csv = new StringBuilder();
            slices.forEach(s -> csv.append(ProbeStorage.text(s)));
            assertEquals(List.of("1|a", "2|b", "3|c", "4|d", "5|e"),
                    ProbeSupport.csv(csv.toString()).stream().map(r -> String.join("|", r)).sorted().toList());
            assertEquals(List.of("id", "name"), texts(created.path("results").path("columns")));
            // the url (the manifest) by a plain GET with the JDK client's defaults, as a Java prober would
            ProbeHttp.Response manifest = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(detail.path("url").asText())).GET().build());
            assertEquals(200, manifest.status(), () -> provider + ": default java.net.http GET of the manifest url: " + manifest);
            assertTrue(manifest.json().path("entries").isArray(), manifest::toString);
        }
    }

    /** §8 sliced upload with the provider's manifest entry scheme. */
    private static JsonNode slicedUpload(ProbeHttp http, String provider, List<String> slices) {
        ProbeHttp.Response r = http.postJson("/v2/storage/files/prepare",
                Map.of("name", unique("sliced") + ".csv", "isSliced", true, "federationToken", true));
        assertEquals(201, r.status(), r::toString);
        JsonNode prepared = r.json();
        StringBuilder manifest = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < slices.size(); i++) {
            String part = "part" + i;
            ProbeStorage.upload(http, withName(prepared, provider, part), slices.get(i).getBytes(StandardCharsets.UTF_8));
            manifest.append(i == 0 ? "" : ",").append("{\"url\":\"").append(entryUrl(prepared, provider, part)).append("\"}");
        }
        manifest.append("]}");
        ProbeStorage.upload(http, withName(prepared, provider, "manifest"), manifest.toString().getBytes(StandardCharsets.UTF_8));
        return prepared;
    }

    private static JsonNode withName(JsonNode prepared, String provider, String suffix) {
        JsonNode copy = prepared.deepCopy();
        switch (provider) {
            case "aws" -> ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("uploadParams"))
                    .put("key", prepared.path("uploadParams").path("key").asText() + suffix);
            case "azure" -> ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("absUploadParams"))
                    .put("blobName", prepared.path("absUploadParams").path("blobName").asText() + suffix);
            default -> ((com.fasterxml.jackson.databind.node.ObjectNode) copy.path("gcsUploadParams"))
                    .put("key", prepared.path("gcsUploadParams").path("key").asText() + suffix);
        }
        return copy;
    }

    private static String entryUrl(JsonNode prepared, String provider, String suffix) {
        return switch (provider) {
            case "aws" -> "s3://" + prepared.path("uploadParams").path("bucket").asText() + "/"
                    + prepared.path("uploadParams").path("key").asText() + suffix;
            case "azure" -> "azure://" + prepared.path("absUploadParams").path("accountName").asText() + ".blob.core.windows.net/"
                    + prepared.path("absUploadParams").path("container").asText() + "/"
                    + prepared.path("absUploadParams").path("blobName").asText() + suffix;
            default -> "gs://" + prepared.path("gcsUploadParams").path("bucket").asText() + "/"
                    + prepared.path("gcsUploadParams").path("key").asText() + suffix;
        };
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
