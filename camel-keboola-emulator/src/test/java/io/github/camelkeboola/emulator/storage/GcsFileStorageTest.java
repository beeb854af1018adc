package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.retrying.RetrySettings;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.cloud.ReadChannel;
import com.google.cloud.WriteChannel;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import com.google.cloud.storage.StorageOptions;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code gcp} flavour, driven by google-cloud-storage with the access tokens the Storage API hands out. */
class GcsFileStorageTest extends FileStorageTestBase<GcsFileStorage> {

    GcsFileStorageTest() {
        super("gcp", GcsFileStorage.class);
    }

    private static StoredFile file(long id, boolean sliced) {
        return file(id, sliced, true);
    }

    /** The client a Keboola client builds: host from the origin of {@code url}, the handed-out token as credentials. */
    private static Storage client(String url, String projectId, String token) {
        URI origin = URI.create(url).resolve("/");
        return StorageOptions.newBuilder()
                .setHost(origin.toString().replaceAll("/$", ""))
                .setProjectId(projectId)
                .setCredentials(GoogleCredentials.create(new AccessToken(token, Date.from(Instant.now().plusSeconds(3599)))))
                .setRetrySettings(RetrySettings.newBuilder().setMaxAttempts(1).build())
                .build()
                .getService();
    }

    private Storage uploadClient(ObjectNode prepared) {
        JsonNode params = prepared.path("gcsUploadParams");
        return client(prepared.path("url").asText(), params.path("projectId").asText(), params.path("access_token").asText());
    }

    private Storage downloadClient(ObjectNode detail) {
        JsonNode credentials = detail.path("gcsCredentials");
        return client(detail.path("url").asText(), credentials.path("projectId").asText(), credentials.path("access_token").asText());
    }

    @Test
    void multipartUploadWithTheHandedOutTokenIsReadByTheServer() throws Exception {
        StoredFile file = file(1, false);
        ObjectNode prepared = prepare(file);
        JsonNode params = prepared.path("gcsUploadParams");
        assertEquals("Bearer", params.path("token_type").asText());
        assertEquals(3599, params.path("expires_in").asInt());
        assertEquals(GcsFileStorage.BUCKET, params.path("bucket").asText());
        assertEquals(file.objectKey(), params.path("key").asText());

        uploadClient(prepared).create(BlobInfo.newBuilder(params.path("bucket").asText(), params.path("key").asText())
                .setContentType("text/csv").build(), CSV);

        assertArrayEquals(CSV, storage.read(file.objectKey()).readAllBytes());
        var blob = downloadClient(detail(file)).get(BlobId.of(GcsFileStorage.BUCKET, file.objectKey()));
        assertEquals(CSV.length, blob.getSize());
        assertEquals("text/csv", blob.getContentType());
    }

    @Test
    void mediaUploadWithAPlainClient() throws Exception {
        StoredFile file = file(2, false);
        JsonNode params = prepare(file).path("gcsUploadParams");
        HttpRequest request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(URI.create(storage.origin() + "/upload/storage/v1/b/" + GcsFileStorage.BUCKET
                        + "/o?uploadType=media&name=" + URLEncoder.encode(file.objectKey(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + params.path("access_token").asText())
                .POST(HttpRequest.BodyPublishers.ofByteArray(CSV)).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertEquals(Integer.toString(CSV.length), JSON.readTree(response.body()).path("size").asText());
        assertArrayEquals(CSV, storage.read(file.objectKey()).readAllBytes());
    }

    @Test
    void resumableUploadProtocolWithAPlainClient() throws Exception {
        StoredFile file = file(11, false);
        String token = prepare(file).path("gcsUploadParams").path("access_token").asText();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        byte[] content = new GeneratedContent(150).readAllBytes();

        HttpResponse<String> started = http.send(HttpRequest.newBuilder().timeout(Duration.ofSeconds(30)).uri(URI.create(storage.origin() + "/upload/storage/v1/b/"
                        + GcsFileStorage.BUCKET + "/o?uploadType=resumable&name=" + URLEncoder.encode(file.objectKey(), StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, started.statusCode());
        URI session = URI.create(started.headers().firstValue("Location").orElseThrow());

        HttpResponse<String> first = http.send(HttpRequest.newBuilder(session).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Range", "bytes 0-99/*").PUT(HttpRequest.BodyPublishers.ofByteArray(content, 0, 100)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(308, first.statusCode());
        assertEquals("bytes=0-99", first.headers().firstValue("Range").orElseThrow());

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(session).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Range", "bytes */*").PUT(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(308, status.statusCode());
        assertEquals("bytes=0-99", status.headers().firstValue("Range").orElseThrow());
        assertFalse(storage.exists(file.objectKey()));

        // The last chunk repeats 10 persisted bytes, as a client does after losing a response.
        HttpResponse<String> last = http.send(HttpRequest.newBuilder(session).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token)
                .header("Content-Range", "bytes 90-149/150").PUT(HttpRequest.BodyPublishers.ofByteArray(content, 90, 60)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, last.statusCode(), last.body());
        assertEquals("150", JSON.readTree(last.body()).path("size").asText());
        assertArrayEquals(content, storage.read(file.objectKey()).readAllBytes());
    }

    @Test
    void serverWrittenObjectsDownloadWholeAndRanged() throws Exception {
        StoredFile file = file(3, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode detail = detail(file);
        assertEquals(file.objectKey(), detail.path("gcsPath").path("key").asText());
        Storage gcs = downloadClient(detail);
        BlobId id = BlobId.of(detail.path("gcsPath").path("bucket").asText(), detail.path("gcsPath").path("key").asText());
        assertArrayEquals(CSV, gcs.readAllBytes(id));
        try (ReadChannel reader = gcs.reader(id)) {
            reader.seek(5);
            reader.limit(11);
            assertEquals(new String(CSV, StandardCharsets.UTF_8).substring(5, 11),
                    new String(Channels.newInputStream(reader).readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void largeObjectRoundTripsThroughAResumableUpload() throws Exception {
        long size = 50L * 1024 * 1024;
        StoredFile file = file(4, false);
        ObjectNode prepared = prepare(file);
        Storage gcs = uploadClient(prepared);
        String expected = GeneratedContent.sha256(new GeneratedContent(size));
        // A zero delay on every PUT counts the chunks of the resumable session.
        FaultInjector.Rule puts = faults.inject(FaultTarget.FILE_STORAGE, "PUT", "/upload/", Fault.delay(Duration.ZERO), -1);
        try (WriteChannel writer = gcs.writer(BlobInfo.newBuilder(GcsFileStorage.BUCKET, file.objectKey()).build());
             OutputStream out = Channels.newOutputStream(writer);
             InputStream in = new GeneratedContent(size)) {
            writer.setChunkSize(8 * 1024 * 1024);
            in.transferTo(out);
        }
        assertTrue(puts.hits() >= 7, "resumable chunks: " + puts.hits());
        assertEquals(size, storage.size(file.objectKey()));
        assertEquals(expected, GeneratedContent.sha256(storage.read(file.objectKey())));
        try (ReadChannel reader = downloadClient(detail(file)).reader(BlobId.of(GcsFileStorage.BUCKET, file.objectKey()))) {
            assertEquals(expected, GeneratedContent.sha256(Channels.newInputStream(reader)));
        }
    }

    @Test
    void wrongTokenIsRejectedWith401() throws Exception {
        StoredFile file = file(5, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode detail = detail(file);
        Storage gcs = client(detail.path("url").asText(), GcsFileStorage.PROJECT_ID, "ya29.not-a-token-we-issued");
        StorageException e = assertThrows(StorageException.class,
                () -> gcs.readAllBytes(BlobId.of(GcsFileStorage.BUCKET, file.objectKey())));
        assertEquals(401, e.getCode());
    }

    @Test
    void storageTokenInsteadOfBearerIsRejected() throws Exception {
        StoredFile file = file(6, false);
        serverWrite(file.objectKey(), CSV);
        String url = storage.origin() + "/storage/v1/b/" + GcsFileStorage.BUCKET + "/o/"
                + URLEncoder.encode(file.objectKey(), StandardCharsets.UTF_8) + "?alt=media";
        PlainHttp.Response response = PlainHttp.get(url, Map.of("X-StorageApi-Token", "1234-56789-abcdef"));
        assertEquals(401, response.status());
        assertEquals(401, JSON.readTree(response.body()).path("error").path("code").asInt());
    }

    @Test
    void signedUrlDownloadsWithoutCredentialsAndPointsAtTheManifestOfASlicedFile() throws Exception {
        StoredFile plain = file(7, false);
        serverWrite(plain.objectKey(), CSV);
        String url = detail(plain).path("url").asText();
        assertTrue(url.startsWith(storage.origin() + "/" + GcsFileStorage.BUCKET + "/"), url);
        assertArrayEquals(CSV, PlainHttp.get(url).body());
        PlainHttp.Response tampered = PlainHttp.get(url.replaceAll("X-Goog-Signature=[0-9a-f]{4}", "X-Goog-Signature=0000"));
        assertEquals(403, tampered.status());
        assertTrue(new String(tampered.body(), StandardCharsets.UTF_8).contains("<Code>SignatureDoesNotMatch</Code>"));

        StoredFile sliced = file(8, true);
        String slice = sliced.objectKey() + "0000_part_00";
        byte[] manifest = ("{\"entries\":[{\"url\":\"" + storage.entryUrl(slice) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        serverWrite(sliced.manifestKey(), manifest);
        assertArrayEquals(manifest, PlainHttp.get(detail(sliced).path("url").asText()).body());
        assertEquals("gs://kbc-sapi-files/" + slice, storage.entryUrl(slice));
        assertEquals(slice, storage.objectKey(storage.entryUrl(slice)));
        assertThrows(IllegalArgumentException.class, () -> storage.objectKey("s3://kbc-sapi-files/" + slice));
    }

    @Test
    void cutBodyAndInjectedStatuses() throws Exception {
        StoredFile file = file(9, false);
        serverWrite(file.objectKey(), new GeneratedContent(200_000).readAllBytes());
        ObjectNode detail = detail(file);
        String url = detail.path("url").asText();
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.cutBody(10_000), 1);
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.status(503), 1);

        PlainHttp.Response cut = PlainHttp.get(url);
        assertTrue(cut.shortRead());
        assertEquals(10_000, cut.body().length);
        StorageException e = assertThrows(StorageException.class,
                () -> downloadClient(detail).readAllBytes(BlobId.of(GcsFileStorage.BUCKET, file.objectKey())));
        assertEquals(503, e.getCode());
        assertEquals(200_000, PlainHttp.get(url).body().length);
    }

    @Test
    void objectsSurviveARestartAndDeletePrefixRemovesThem() throws Exception {
        StoredFile file = file(10, true);
        serverWrite(file.objectKey() + "0000_part_00", CSV);
        serverWrite(file.manifestKey(), "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8));
        restart();
        assertArrayEquals(CSV, downloadClient(detail(file)).readAllBytes(BlobId.of(GcsFileStorage.BUCKET, file.objectKey() + "0000_part_00")));

        storage.deletePrefix(file.objectKey());
        assertFalse(storage.exists(file.objectKey() + "0000_part_00"));
        assertFalse(storage.exists(file.manifestKey()));
    }
}
