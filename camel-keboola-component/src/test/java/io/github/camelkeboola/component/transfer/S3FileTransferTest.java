package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FileTransfer} against S3Proxy, a real S3 protocol implementation, through a recording loopback proxy. */
class S3FileTransferTest {

    private static final String STORAGE_TOKEN = "123-storage-token-never-to-storage";

    @TempDir
    Path dir;
    private S3ProxyServer s3;
    private StorageProxy proxy;
    private FileTransfer transfer;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3ProxyServer(dir.resolve("s3"));
        proxy = new StorageProxy(s3.endpoint());
        transfer = FileTransfer.create(config(S3Store.MIN_PART_SIZE, 2));
    }

    @AfterEach
    void stop() throws Exception {
        transfer.close();
        proxy.close();
        s3.close();
    }

    static KeboolaConfiguration config(int partSize, int parallelism) {
        KeboolaConfiguration cfg = new KeboolaConfiguration();
        cfg.setToken(STORAGE_TOKEN);
        cfg.setUploadPartSize(partSize);
        cfg.setDownloadParallelism(parallelism);
        cfg.setMaxRetries(3);
        cfg.setRetryInitialDelay(10);
        cfg.setRetryMaxDelay(50);
        cfg.setConnectTimeout(5_000);
        cfg.setRequestTimeout(10_000);
        return cfg;
    }

    @Test
    void smallFileIsOnePutWithEncryptionAndSessionToken() throws Exception {
        String csv = "\"id\",\"name\"\n\"1\",\"a\"\n";

        long stored = transfer.uploadGzipped(s3.prepared(1, "files/1.small.csv.gz", proxy.endpoint(), S3ProxyServer.SECRET_KEY),
                TestData.stream(csv));

        byte[] object = Files.readAllBytes(s3.object("files/1.small.csv.gz"));
        assertEquals(object.length, stored);
        assertEquals(csv, TestData.gunzip(object));
        List<StorageProxy.Recorded> requests = proxy.requests();
        assertEquals(List.of("PUT /kbc-sapi-files/files/1.small.csv.gz"), StorageProxy.paths(requests));
        assertEquals("AES256", requests.get(0).headers().get("x-amz-server-side-encryption"));
        assertEquals("session-token-of-the-file", requests.get(0).headers().get("x-amz-security-token"));
        assertTokenNeverSent();
    }

    @Test
    void largeFileIsUploadedInPartsAndAssembledInOrder() throws Exception {
        String csv = TestData.randomRows(60_000, 200, 1);

        transfer.uploadGzipped(s3.prepared(2, "files/2.large.csv.gz", proxy.endpoint(), S3ProxyServer.SECRET_KEY), TestData.stream(csv));

        assertEquals(csv, TestData.gunzip(Files.readAllBytes(s3.object("files/2.large.csv.gz"))));
        List<String> calls = proxy.requests().stream().map(r -> r.method() + " " + r.target().replaceAll("uploadId=[^&]*", "uploadId=U"))
                .collect(Collectors.toList());
        assertEquals("POST /kbc-sapi-files/files/2.large.csv.gz?uploads=", calls.get(0));
        assertEquals("POST /kbc-sapi-files/files/2.large.csv.gz?uploadId=U", calls.get(calls.size() - 1));
        long parts = calls.stream().filter(c -> c.startsWith("PUT ") && c.contains("partNumber=")).count();
        assertTrue(parts >= 3, "expected several parts, got " + calls);
        assertEquals(parts + 2, calls.size(), "nothing but the multipart calls: " + calls);
        assertTrue(proxy.requests().stream().allMatch(r -> r.bodyLength() <= S3Store.MIN_PART_SIZE), "no part larger than uploadPartSize");
        assertTokenNeverSent();
    }

    @Test
    void failedPartIsRetriedAloneNotTheWholeUpload() throws Exception {
        String csv = TestData.randomRows(40_000, 200, 2);
        proxy.failWith(r -> r.target().contains("partNumber=2&"), 500, 1);

        transfer.uploadGzipped(s3.prepared(3, "files/3.retry.csv.gz", proxy.endpoint(), S3ProxyServer.SECRET_KEY), TestData.stream(csv));

        assertEquals(csv, TestData.gunzip(Files.readAllBytes(s3.object("files/3.retry.csv.gz"))));
        List<String> targets = proxy.requests().stream().map(StorageProxy.Recorded::target).collect(Collectors.toList());
        assertEquals(1, targets.stream().filter(t -> t.endsWith("?uploads=")).count());
        assertEquals(1, targets.stream().filter(t -> t.contains("partNumber=1&")).count());
        assertEquals(2, targets.stream().filter(t -> t.contains("partNumber=2&")).count());
    }

    @Test
    void partThatKeepsFailingAbortsTheUploadAndNamesStatusAndCode() {
        proxy.failWith(r -> r.target().contains("partNumber=2&"), 403, 100);

        KeboolaException e = assertThrows(KeboolaException.class, () -> transfer.uploadGzipped(
                s3.prepared(4, "files/4.fail.csv.gz", proxy.endpoint(), S3ProxyServer.SECRET_KEY), TestData.stream(TestData.randomRows(40_000, 200, 3))));

        assertEquals(403, e.getHttpResponseCode());
        assertEquals("InjectedFailure", e.getErrorCode());
        assertTrue(e.getMessage().contains("S3 UploadPart 2 of object files/4.fail.csv.gz"), e.getMessage());
        // 403 is not retried, and the multipart upload is aborted.
        assertEquals(1, proxy.requests().stream().filter(r -> r.target().contains("partNumber=2&")).count());
        assertTrue(proxy.requests().stream().anyMatch(r -> r.method().equals("DELETE") && r.target().contains("uploadId=")));
        assertFalse(Files.exists(s3.object("files/4.fail.csv.gz")));
    }

    @Test
    void wrongCredentialsFailWithStatusAndS3ErrorCode() {
        KeboolaException e = assertThrows(KeboolaException.class, () -> transfer.uploadGzipped(
                s3.prepared(5, "files/5.csv.gz", proxy.endpoint(), "wrong-secret"), TestData.stream("\"a\"\n")));

        assertEquals(403, e.getHttpResponseCode());
        assertEquals("SignatureDoesNotMatch", e.getErrorCode());
        assertTrue(e.getMessage().contains("HTTP 403") && e.getMessage().contains("code=SignatureDoesNotMatch"), e.getMessage());
        assertFalse(e.getMessage().contains("wrong-secret"), e.getMessage());
    }

    @Test
    void slicedFileIsAssembledInManifestOrderGzipAndPlain() throws Exception {
        String key = "exp-2/table-exports/in/c-main/orders/10.csv";
        String slice0 = TestData.rows(1, 500, 10);
        String slice1 = TestData.rows(501, 500, 11);
        String slice2 = TestData.rows(1001, 500, 12);
        // Manifest order differs from key order: the manifest decides.
        s3.putObject(key + "0002_part_00", TestData.gzip(slice0));
        s3.putObject(key + "0000_part_00", slice1.getBytes(StandardCharsets.UTF_8));
        s3.putObject(key + "0001_part_00", TestData.gzip(slice2));
        s3.putObject(key + "manifest", manifest(key + "0002_part_00", key + "0000_part_00", key + "0001_part_00"));

        String content = TestData.read(transfer.openContent(s3.detail(10, key, true, proxy.endpoint())));

        assertEquals(slice0 + slice1 + slice2, content);
        StorageProxy.Recorded manifestGet = proxy.requests().stream().filter(r -> r.path().endsWith("manifest")).findFirst().orElseThrow();
        assertTrue(manifestGet.target().contains("X-Amz-Signature="), "manifest read through its presigned url");
        assertFalse(manifestGet.headers().containsKey("authorization"));
        assertTokenNeverSent();
    }

    @Test
    void manifestEntryOutsideTheFileIsRejected() throws Exception {
        String key = "exp-2/table-exports/in/c-main/orders/11.csv";
        s3.putObject(key + "0000_part_00", TestData.gzip("\"1\"\n"));
        s3.putObject("exp-2/other/secret.csv", "\"secret\"\n".getBytes(StandardCharsets.UTF_8));
        s3.putObject(key + "manifest", ("{\"entries\":[{\"url\":\"s3://kbc-sapi-files/" + key + "0000_part_00\"},"
                + "{\"url\":\"s3://kbc-sapi-files/exp-2/other/secret.csv\"}]}").getBytes(StandardCharsets.UTF_8));

        KeboolaException e = assertThrows(KeboolaException.class, () -> transfer.openContent(s3.detail(11, key, true, proxy.endpoint())));

        assertTrue(e.getMessage().contains("s3://kbc-sapi-files/exp-2/other/secret.csv"), e.getMessage());
        assertTrue(e.getMessage().contains("file 11"), e.getMessage());
        assertTrue(proxy.requests().stream().noneMatch(r -> r.path().contains("secret")), "the foreign object is never fetched");
    }

    @Test
    void manifestEntryOfAnotherBucketIsRejected() throws Exception {
        String key = "exp-2/table-exports/12.csv";
        s3.putObject(key + "manifest", ("{\"entries\":[{\"url\":\"s3://attacker-bucket/" + key + "0000_part_00\"}]}")
                .getBytes(StandardCharsets.UTF_8));

        assertThrows(KeboolaException.class, () -> transfer.openContent(s3.detail(12, key, true, proxy.endpoint())));
    }

    @Test
    void cutSliceResumesFromTheByteReceivedWithoutLosingOrRepeatingRows() throws Exception {
        String key = "exp-2/table-exports/13.csv";
        String slice0 = TestData.rows(1, 5_000, 20);
        String slice1 = TestData.rows(5001, 5_000, 21);
        s3.putObject(key + "0000_part_00", TestData.gzip(slice0));
        s3.putObject(key + "0001_part_00", slice1.getBytes(StandardCharsets.UTF_8));
        s3.putObject(key + "manifest", manifest(key + "0000_part_00", key + "0001_part_00"));
        proxy.cutResponse(r -> r.path().endsWith("0000_part_00"), 10_000, 1);
        proxy.cutResponse(r -> r.path().endsWith("0001_part_00"), 7_777, 1);

        String content = TestData.read(transfer.openContent(s3.detail(13, key, true, proxy.endpoint())));

        assertEquals(slice0 + slice1, content);
        assertEquals(2, proxy.cuts());
        List<String> ranges = proxy.requests().stream().map(r -> r.headers().get("range")).filter(r -> r != null).sorted()
                .collect(Collectors.toList());
        assertEquals(List.of("bytes=10000-", "bytes=7777-"), ranges);
    }

    @Test
    void resumedDownloadCutAgainWhileSkippingToItsPositionIsResumedAgain() throws Exception {
        String key = "exp-2/table-exports/14.csv";
        String slice = TestData.rows(1, 5_000, 22);
        s3.putObject(key + "0000_part_00", slice.getBytes(StandardCharsets.UTF_8));
        s3.putObject(key + "manifest", manifest(key + "0000_part_00"));
        // the storage ignores Range: the resumed GET sends the whole object again, cut before the byte already read
        proxy.ignoreRange();
        proxy.cutResponse(r -> r.path().endsWith("0000_part_00"), 10_000, 1);
        proxy.cutResponse(r -> r.path().endsWith("0000_part_00"), 4_000, 1);

        String content = TestData.read(transfer.openContent(s3.detail(14, key, true, proxy.endpoint())));

        assertEquals(slice, content);
        assertEquals(2, proxy.cuts());
    }

    @Test
    void nonSlicedFileIsReadAsStoredAndGunzipped() throws Exception {
        String csv = "\"id\",\"name\"\n\"1\",\"a\"\n";
        s3.putObject("files/14.csv.gz", TestData.gzip(csv));
        s3.putObject("files/15.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertEquals(csv, TestData.read(transfer.openContent(s3.detail(14, "files/14.csv.gz", false, proxy.endpoint()))));
        assertEquals(csv, TestData.read(transfer.openContent(s3.detail(15, "files/15.csv", false, proxy.endpoint()))));
    }

    @Test
    void slicesAreFetchedAheadInParallelButNoFurtherThanTheParallelism() throws Exception {
        String key = "exp-2/table-exports/16.csv";
        StringBuilder expected = new StringBuilder();
        String[] slices = new String[6];
        for (int i = 0; i < slices.length; i++) {
            String rows = TestData.rows(i * 1000 + 1, 1000, 30 + i);
            expected.append(rows);
            slices[i] = key + String.format("%04d_part_00", i);
            s3.putObject(slices[i], TestData.gzip(rows));
        }
        s3.putObject(key + "manifest", manifest(slices));

        try (InputStream content = transfer.openContent(s3.detail(16, key, true, proxy.endpoint()))) {
            // Nothing read yet: the first slice is there (opening waits for it) and two (the parallelism) are fetched
            // ahead, and no more.
            await().atMost(Duration.ofSeconds(10)).until(() -> sliceGets() == 3);
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sliceGets() == 3);
            assertEquals(expected.toString(), new String(content.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(6, sliceGets());
    }

    private long sliceGets() {
        return proxy.requests().stream().filter(r -> r.path().contains("_part_")).count();
    }

    private void assertTokenNeverSent() {
        for (StorageProxy.Recorded request : proxy.requests()) {
            assertFalse(request.rawHead().contains(STORAGE_TOKEN), "Storage token sent to file storage: " + request.rawHead());
            assertFalse(request.headers().containsKey("x-storageapi-token"));
        }
    }

    static byte[] manifest(String... keys) {
        return ("{\"entries\":[" + java.util.Arrays.stream(keys).map(k -> "{\"url\":\"s3://kbc-sapi-files/" + k + "\",\"mandatory\":true}")
                .collect(Collectors.joining(",")) + "]}").getBytes(StandardCharsets.UTF_8);
    }
}
