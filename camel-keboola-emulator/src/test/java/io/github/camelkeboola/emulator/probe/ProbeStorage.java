package io.github.camelkeboola.emulator.probe;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Moves bytes to and from file storage the way Keboola's clients do, from the fields of {@code files/prepare} and of the
 * file detail with {@code federationToken=1} only: AWS SDK for aws, the Azure Blob SDK for azure, google-cloud-storage
 * with the bearer token for gcp. The storage endpoint is the origin of the file's {@code url}.
 */
final class ProbeStorage {

    private ProbeStorage() {
    }

    static void upload(ProbeHttp http, JsonNode prepared, byte[] content) {
        String provider = prepared.path("provider").asText();
        switch (provider) {
            case "aws" -> {
                JsonNode params = prepared.get("uploadParams");
                assertTrue(params != null && params.has("credentials"), () -> "uploadParams.credentials: " + prepared);
                try (S3Client s3 = s3(prepared, params.get("credentials"))) {
                    PutObjectRequest.Builder put = PutObjectRequest.builder()
                            .bucket(params.path("bucket").asText()).key(params.path("key").asText());
                    if (params.has("x-amz-server-side-encryption")) {
                        put.serverSideEncryption(ServerSideEncryption.fromValue(params.get("x-amz-server-side-encryption").asText()));
                    }
                    s3.putObject(put.build(), RequestBody.fromBytes(content));
                }
            }
            case "azure" -> {
                JsonNode params = prepared.get("absUploadParams");
                assertTrue(params != null && params.path("absCredentials").has("SASConnectionString"),
                        () -> "absUploadParams.absCredentials.SASConnectionString: " + prepared);
                BlobServiceClient service = new BlobServiceClientBuilder()
                        .connectionString(params.path("absCredentials").path("SASConnectionString").asText()).buildClient();
                service.getBlobContainerClient(params.path("container").asText())
                        .getBlobClient(params.path("blobName").asText()).upload(BinaryData.fromBytes(content), true);
            }
            case "gcp" -> {
                JsonNode params = prepared.get("gcsUploadParams");
                assertTrue(params != null && params.has("access_token"), () -> "gcsUploadParams.access_token: " + prepared);
                // google-cloud-storage, as Keboola's clients use it: a resumable upload from a stream
                try {
                    gcs(prepared, params).createFrom(BlobInfo.newBuilder(params.path("bucket").asText(),
                            params.path("key").asText()).build(), new ByteArrayInputStream(content));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            default -> throw new AssertionError("unknown provider in " + prepared);
        }
    }

    /**
     * The manifest of a sliced file, fetched by plain GET of its (presigned) {@code url} over HTTP/1.1 (the probe of
     * the JDK client's default h2c upgrade is {@code ContractProbeIT#presignedUrlWithDefaultJavaHttpClient}).
     */
    static JsonNode manifest(ProbeHttp http, JsonNode detail) {
        ProbeHttp.Response r = http.send(HttpRequest.newBuilder(URI.create(detail.path("url").asText()))
                .version(java.net.http.HttpClient.Version.HTTP_1_1).GET().build());
        assertEquals(200, r.status(), () -> "GET of the sliced file's url (the manifest): " + r);
        return r.json();
    }

    /** Downloads the slices a manifest names, in order, with the provider credentials of the file detail. */
    static List<byte[]> slices(ProbeHttp http, JsonNode detail, JsonNode manifest) {
        String provider = detail.path("provider").asText();
        List<byte[]> slices = new ArrayList<>();
        switch (provider) {
            case "aws" -> {
                JsonNode path = detail.get("s3Path");
                String prefix = "s3://" + path.path("bucket").asText() + "/";
                try (S3Client s3 = s3(detail, detail.get("credentials"))) {
                    for (JsonNode entry : manifest.path("entries")) {
                        String url = entry.path("url").asText();
                        assertTrue(url.startsWith(prefix + path.path("key").asText()), () -> "entry " + url + " outside " + path);
                        slices.add(s3.getObjectAsBytes(b -> b.bucket(path.path("bucket").asText())
                                .key(url.substring(prefix.length()))).asByteArray());
                    }
                }
            }
            case "azure" -> {
                JsonNode path = detail.get("absPath");
                BlobServiceClient service = new BlobServiceClientBuilder()
                        .connectionString(detail.path("absCredentials").path("SASConnectionString").asText()).buildClient();
                BlobContainerClient container = service.getBlobContainerClient(path.path("container").asText());
                for (JsonNode entry : manifest.path("entries")) {
                    String url = entry.path("url").asText();
                    // azure://{account}.blob.core.windows.net/{container}/{name}
                    assertTrue(url.matches("azure://[a-z0-9]+\\.blob\\.core\\.windows\\.net/.+"), () -> "azure entry " + url);
                    String rest = url.substring(url.indexOf(".blob.core.windows.net/") + ".blob.core.windows.net/".length());
                    String containerName = rest.substring(0, rest.indexOf('/'));
                    String name = rest.substring(rest.indexOf('/') + 1);
                    assertEquals(path.path("container").asText(), containerName, () -> "entry container " + url);
                    assertTrue(name.startsWith(path.path("name").asText()), () -> "entry " + url + " outside " + path);
                    slices.add(container.getBlobClient(name).downloadContent().toBytes());
                }
            }
            case "gcp" -> {
                JsonNode path = detail.get("gcsPath");
                String prefix = "gs://" + path.path("bucket").asText() + "/";
                Storage gcs = gcs(detail, detail.path("gcsCredentials"));
                for (JsonNode entry : manifest.path("entries")) {
                    String url = entry.path("url").asText();
                    assertTrue(url.startsWith(prefix + path.path("key").asText()), () -> "entry " + url + " outside " + path);
                    slices.add(gcs.readAllBytes(BlobId.of(path.path("bucket").asText(), url.substring(prefix.length()))));
                }
            }
            default -> throw new AssertionError("unknown provider in " + detail);
        }
        return slices;
    }

    /** The GCS client: host = origin of the file's url, the handed-out bearer token as credentials. */
    private static Storage gcs(JsonNode file, JsonNode credentials) {
        return StorageOptions.newBuilder()
                .setHost(origin(file.path("url").asText()))
                .setProjectId(credentials.path("projectId").asText("probe"))
                .setCredentials(GoogleCredentials.create(new AccessToken(credentials.path("access_token").asText(),
                        Date.from(Instant.now().plusSeconds(3000)))))
                .build()
                .getService();
    }

    private static S3Client s3(JsonNode file, JsonNode credentials) {
        URI url = URI.create(file.path("url").asText());
        boolean aws = url.getHost().endsWith(".amazonaws.com");
        String region = file.path("region").asText("us-east-1");
        return S3Client.builder()
                .endpointOverride(URI.create(origin(url.toString())))
                .forcePathStyle(!aws)
                .region(Region.of(region.isEmpty() ? "us-east-1" : region))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                        credentials.path("SessionToken").asText())))
                .build();
    }

    static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    static boolean isGzip(byte[] bytes) {
        return bytes.length >= 2 && (bytes[0] & 0xff) == 0x1f && (bytes[1] & 0xff) == 0x8b;
    }

    static String text(byte[] bytes) {
        try {
            return new String(isGzip(bytes) ? new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes() : bytes,
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
