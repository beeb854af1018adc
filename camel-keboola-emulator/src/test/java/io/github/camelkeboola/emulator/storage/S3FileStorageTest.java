package io.github.camelkeboola.emulator.storage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code aws} flavour, driven by the AWS SDK for Java v2 with the credentials the Storage API hands out. */
class S3FileStorageTest extends FileStorageTestBase<FileStorage> {

    S3FileStorageTest() {
        super("aws", FileStorage.class);
    }

    /** An S3 client configured the way the Keboola clients configure theirs, from a file resource. */
    private static S3Client client(String url, JsonNode credentials) {
        URI origin = URI.create(url).resolve("/");
        return S3Client.builder()
                .endpointOverride(origin)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                // S3Proxy does not understand aws-chunked uploads with trailing checksums (gaul/s3proxy#760).
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText(),
                        credentials.path("SessionToken").asText())))
                .build();
    }

    @Test
    void uploadWithHandedOutCredentialsIsReadByTheServer() throws Exception {
        StoredFile file = file(1, false, true);
        ObjectNode prepared = prepare(file);
        JsonNode params = prepared.path("uploadParams");
        assertEquals(S3FileStorage.BUCKET, params.path("bucket").asText());
        assertEquals(file.objectKey(), params.path("key").asText());
        assertEquals("private", params.path("acl").asText());
        assertEquals("AES256", params.path("x-amz-server-side-encryption").asText());
        assertEquals("us-east-1", prepared.path("region").asText());
        assertTrue(params.path("credentials").path("Expiration").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00"));

        try (S3Client s3 = client(prepared.path("url").asText(), params.path("credentials"))) {
            s3.putObject(b -> b.bucket(params.path("bucket").asText()).key(params.path("key").asText())
                    .serverSideEncryption(ServerSideEncryption.AES256), RequestBody.fromBytes(CSV));
        }

        assertTrue(storage.exists(file.objectKey()));
        assertEquals(CSV.length, storage.size(file.objectKey()));
        try (var in = storage.read(file.objectKey())) {
            assertArrayEquals(CSV, in.readAllBytes());
        }
    }

    @Test
    void uploadOfAnEncryptedFileWithoutServerSideEncryptionIsDenied() {
        StoredFile file = file(2, false, true);
        JsonNode params = prepare(file).path("uploadParams");
        try (S3Client s3 = client(prepare(file).path("url").asText(), params.path("credentials"))) {
            S3Exception e = assertThrows(S3Exception.class, () -> s3.putObject(
                    b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()), RequestBody.fromBytes(CSV)));
            assertEquals(403, e.statusCode());
            assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
        }
        assertFalse(storage.exists(file.objectKey()));
    }

    @Test
    void serverWrittenObjectsDownloadWholeAndRanged() throws Exception {
        StoredFile file = file(3, false, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode detail = detail(file);
        assertEquals(S3FileStorage.BUCKET, detail.path("s3Path").path("bucket").asText());
        assertEquals(file.objectKey(), detail.path("s3Path").path("key").asText());

        try (S3Client s3 = client(detail.path("url").asText(), detail.path("credentials"))) {
            ResponseBytes<GetObjectResponse> whole = s3.getObjectAsBytes(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()));
            assertArrayEquals(CSV, whole.asByteArray());
            ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(
                    b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()).range("bytes=5-10"));
            assertEquals(new String(CSV, StandardCharsets.UTF_8).substring(5, 11), range.asUtf8String());
        }
    }

    @Test
    void detailWithoutCredentialsHasOnlyThePresignedUrl() {
        ObjectNode resource = JSON.createObjectNode();
        storage.describeDownload(file(4, false, false), resource, false);
        assertTrue(resource.path("url").asText().contains("X-Amz-Expires=3600"));
        assertTrue(resource.path("s3Path").isMissingNode());
        assertTrue(resource.path("credentials").isMissingNode());
    }

    @Test
    void presignedUrlDownloadsWithoutCredentialsAndPointsAtTheManifestOfASlicedFile() throws Exception {
        StoredFile plain = file(5, false, false);
        serverWrite(plain.objectKey(), CSV);
        PlainHttp.Response response = PlainHttp.get(detail(plain).path("url").asText());
        assertEquals(200, response.status());
        assertArrayEquals(CSV, response.body());

        StoredFile sliced = file(6, true, false);
        String slice = sliced.objectKey() + "0000_part_00";
        serverWrite(slice, CSV);
        byte[] manifest = ("{\"entries\":[{\"url\":\"" + storage.entryUrl(slice) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        serverWrite(sliced.manifestKey(), manifest);
        ObjectNode detail = detail(sliced);
        assertTrue(detail.path("url").asText().contains(sliced.manifestKey()));
        assertArrayEquals(manifest, PlainHttp.get(detail.path("url").asText()).body());
        assertEquals("s3://kbc-sapi-files/" + slice, storage.entryUrl(slice));
        assertEquals(slice, storage.objectKey(storage.entryUrl(slice)));
        assertThrows(IllegalArgumentException.class, () -> storage.objectKey("s3://other-bucket/" + slice));
    }

    @Test
    void wrongSecretIsRejectedWithS3sOwnError() throws Exception {
        StoredFile file = file(7, false, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode detail = detail(file);
        ObjectNode forged = detail.path("credentials").deepCopy();
        forged.put("SecretAccessKey", "wrong" + forged.path("SecretAccessKey").asText().substring(5));
        try (S3Client s3 = client(detail.path("url").asText(), forged)) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey())));
            assertEquals(403, e.statusCode());
            assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void signedRequestsNeedTheSessionToken() throws Exception {
        StoredFile file = file(15, false, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode detail = detail(file);
        JsonNode credentials = detail.path("credentials");
        S3Client withoutToken = S3Client.builder().endpointOverride(URI.create(detail.path("url").asText()).resolve("/"))
                .forcePathStyle(true).region(Region.US_EAST_1)
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        credentials.path("AccessKeyId").asText(), credentials.path("SecretAccessKey").asText())))
                .build();
        try (withoutToken) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> withoutToken.getObjectAsBytes(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey())));
            assertEquals(403, e.statusCode());
            assertEquals("InvalidAccessKeyId", e.awsErrorDetails().errorCode());
        }
        ObjectNode forged = credentials.deepCopy();
        forged.put("SessionToken", "FwoGZXIvYXdzEforged");
        try (S3Client s3 = client(detail.path("url").asText(), forged)) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey())));
            assertEquals(403, e.statusCode());
            assertEquals("InvalidToken", e.awsErrorDetails().errorCode());
        }
    }

    @Test
    void storageTokenInsteadOfCredentialsIsRejected() throws Exception {
        StoredFile file = file(8, false, false);
        serverWrite(file.objectKey(), CSV);
        String url = detail(file).path("url").asText();
        String objectUrl = url.substring(0, url.indexOf('?'));
        PlainHttp.Response response = PlainHttp.get(objectUrl, Map.of("X-StorageApi-Token", "1234-56789-abcdef"));
        assertEquals(403, response.status());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("<Code>AccessDenied</Code>"));
    }

    @Test
    void cutBodyIsAShortReadForAPlainClient() throws Exception {
        StoredFile file = file(9, false, false);
        serverWrite(file.objectKey(), new GeneratedContent(200_000).readAllBytes());
        faults.inject(FaultTarget.FILE_STORAGE, "GET", "/" + file.objectKey() + "$", Fault.cutBody(10_000), 1);
        String url = detail(file).path("url").asText();

        PlainHttp.Response cut = PlainHttp.get(url);
        assertEquals(200, cut.status());
        assertTrue(cut.shortRead(), "the client must see the body end early");
        assertEquals(200_000, cut.contentLength());
        assertEquals(10_000, cut.body().length);

        PlainHttp.Response next = PlainHttp.get(url);
        assertFalse(next.shortRead());
        assertEquals(200_000, next.body().length);
    }

    @Test
    void injectedStatusesAreAnsweredInS3Form() throws Exception {
        StoredFile file = file(10, false, false);
        serverWrite(file.objectKey(), CSV);
        ObjectNode detail = detail(file);
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.maintenance(Duration.ofSeconds(2)), 1);
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.status(500), 1);

        PlainHttp.Response unavailable = PlainHttp.get(detail.path("url").asText());
        assertEquals(503, unavailable.status());
        assertTrue(new String(unavailable.body(), StandardCharsets.UTF_8).contains("<Code>SlowDown</Code>"));
        try (S3Client s3 = client(detail.path("url").asText(), detail.path("credentials"))) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey())));
            assertEquals(500, e.statusCode());
            assertEquals("InternalError", e.awsErrorDetails().errorCode());
            assertArrayEquals(CSV, s3.getObjectAsBytes(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey())).asByteArray());
        }
    }

    @Test
    void largeObjectRoundTripsStreamed() throws Exception {
        long size = 50L * 1024 * 1024;
        StoredFile file = file(11, false, true);
        ObjectNode prepared = prepare(file);
        JsonNode params = prepared.path("uploadParams");
        String expected = GeneratedContent.sha256(new GeneratedContent(size));
        try (S3Client s3 = client(prepared.path("url").asText(), params.path("credentials"))) {
            s3.putObject(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()).serverSideEncryption(ServerSideEncryption.AES256),
                    RequestBody.fromContentProvider(() -> new GeneratedContent(size), size, "text/csv"));
            assertEquals(size, storage.size(file.objectKey()));
            assertEquals(expected, GeneratedContent.sha256(storage.read(file.objectKey())));
            assertEquals(expected, GeneratedContent.sha256(
                    s3.getObject(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()))));
        }
    }

    @Test
    void multipartUploadOfAnEncryptedFile() throws Exception {
        StoredFile file = file(13, false, true);
        ObjectNode prepared = prepare(file);
        int partSize = 5 * 1024 * 1024;
        long size = partSize + 1000L;
        try (S3Client s3 = client(prepared.path("url").asText(), prepared.path("uploadParams").path("credentials"))) {
            String uploadId = s3.createMultipartUpload(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey())
                    .serverSideEncryption(ServerSideEncryption.AES256)).uploadId();
            InputStream content = new GeneratedContent(size);
            List<CompletedPart> parts = new ArrayList<>();
            for (int number = 1; number <= 2; number++) {
                byte[] part = content.readNBytes(partSize);
                int n = number;
                String etag = s3.uploadPart(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()).uploadId(uploadId).partNumber(n),
                        RequestBody.fromBytes(part)).eTag();
                parts.add(CompletedPart.builder().partNumber(number).eTag(etag).build());
            }
            s3.completeMultipartUpload(b -> b.bucket(S3FileStorage.BUCKET).key(file.objectKey()).uploadId(uploadId)
                    .multipartUpload(m -> m.parts(parts)));
        }
        assertEquals(size, storage.size(file.objectKey()));
        assertEquals(GeneratedContent.sha256(new GeneratedContent(size)), GeneratedContent.sha256(storage.read(file.objectKey())));
    }

    @Test
    void injectedDelayHoldsTheResponseBack() throws Exception {
        StoredFile file = file(14, false, false);
        serverWrite(file.objectKey(), CSV);
        String url = detail(file).path("url").asText();
        faults.inject(FaultTarget.FILE_STORAGE, "GET", file.objectKey(), Fault.delay(Duration.ofMillis(400)), 1);
        long started = System.nanoTime();
        assertArrayEquals(CSV, PlainHttp.get(url).body());
        assertTrue(Duration.ofNanos(System.nanoTime() - started).toMillis() >= 400);
    }

    @Test
    void objectsSurviveARestartAndDeletePrefixRemovesSlices() throws Exception {
        StoredFile file = file(12, true, false);
        serverWrite(file.objectKey() + "0000_part_00", CSV);
        serverWrite(file.objectKey() + "0001_part_00", CSV);
        serverWrite(file.manifestKey(), "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8));
        restart();
        assertTrue(storage.exists(file.objectKey() + "0001_part_00"));
        assertEquals(200, PlainHttp.get(detail(file).path("url").asText()).status());

        storage.deletePrefix(file.objectKey());
        assertFalse(storage.exists(file.objectKey() + "0000_part_00"));
        assertFalse(storage.exists(file.manifestKey()));
    }
}
