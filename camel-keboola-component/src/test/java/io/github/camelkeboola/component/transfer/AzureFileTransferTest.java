package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FileTransfer} against Azurite, a real Azure Blob REST implementation (skipped when Azurite is not installed). */
class AzureFileTransferTest {

    private static final String STORAGE_TOKEN = "123-storage-token-never-to-storage";
    private static final String CONTAINER = "exp-15-files-4516";

    @TempDir
    static Path dir;
    private static AzuriteServer azurite;
    private StorageProxy proxy;
    private FileTransfer transfer;

    @BeforeAll
    static void startAzurite() throws Exception {
        azurite = AzuriteServer.startOrSkip(dir.resolve("azurite"));
        azurite.createContainer(CONTAINER);
    }

    @AfterAll
    static void stopAzurite() {
        if (azurite != null) {
            azurite.close();
        }
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new StorageProxy(azurite.endpoint());
        transfer = FileTransfer.create(S3FileTransferTest.config(256 * 1024, 2));
    }

    @AfterEach
    void stop() throws Exception {
        transfer.close();
        proxy.close();
    }

    @Test
    void smallFileIsOnePutBlob() throws Exception {
        String csv = "\"id\",\"name\"\n\"1\",\"a\"\n";

        transfer.uploadGzipped(AzuriteServer.prepared(1, CONTAINER, "1.small.csv.gz", proxy.endpoint(),
                AzuriteServer.accountSas(AzuriteServer.ACCOUNT_KEY)), TestData.stream(csv));

        assertEquals(csv, TestData.gunzip(azurite.getBlob(CONTAINER, "1.small.csv.gz")));
        List<StorageProxy.Recorded> requests = proxy.requests();
        assertEquals(List.of("PUT /devstoreaccount1/" + CONTAINER + "/1.small.csv.gz"), StorageProxy.paths(requests));
        assertEquals("BlockBlob", requests.get(0).headers().get("x-ms-blob-type"));
        assertTokenNeverSent();
    }

    @Test
    void largeFileIsUploadedInBlocksAndCommittedInOrder() throws Exception {
        String csv = TestData.randomRows(8_000, 200, 1);

        transfer.uploadGzipped(AzuriteServer.prepared(2, CONTAINER, "2.large.csv.gz", proxy.endpoint(),
                AzuriteServer.accountSas(AzuriteServer.ACCOUNT_KEY)), TestData.stream(csv));

        assertEquals(csv, TestData.gunzip(azurite.getBlob(CONTAINER, "2.large.csv.gz")));
        List<String> targets = proxy.requests().stream().map(StorageProxy.Recorded::target).collect(Collectors.toList());
        long blocks = targets.stream().filter(t -> t.contains("comp=block&")).count();
        assertTrue(blocks >= 3, "several blocks: " + targets);
        assertTrue(targets.get(targets.size() - 1).contains("comp=blocklist"), targets.toString());
        assertEquals(blocks + 1, targets.size());
        assertTokenNeverSent();
    }

    @Test
    void failedBlockIsRetriedAlone() throws Exception {
        String csv = TestData.randomRows(8_000, 200, 2);
        proxy.failWith(r -> r.target().contains("comp=block&") && r.target().contains(Urls.encode(blockId(2))), 503, 1);

        transfer.uploadGzipped(AzuriteServer.prepared(3, CONTAINER, "3.retry.csv.gz", proxy.endpoint(),
                AzuriteServer.accountSas(AzuriteServer.ACCOUNT_KEY)), TestData.stream(csv));

        assertEquals(csv, TestData.gunzip(azurite.getBlob(CONTAINER, "3.retry.csv.gz")));
        assertEquals(2, proxy.requests().stream().filter(r -> r.target().contains(Urls.encode(blockId(2)))).count());
        assertEquals(1, proxy.requests().stream().filter(r -> r.target().contains(Urls.encode(blockId(1)))).count());
    }

    @Test
    void wrongSignatureFailsWithStatusAndAzureErrorCode() {
        String badKey = java.util.Base64.getEncoder().encodeToString("not-the-account-key".getBytes(StandardCharsets.UTF_8));

        KeboolaException e = assertThrows(KeboolaException.class, () -> transfer.uploadGzipped(AzuriteServer.prepared(4, CONTAINER,
                "4.csv.gz", proxy.endpoint(), AzuriteServer.accountSas(badKey)), TestData.stream("\"a\"\n")));

        assertEquals(403, e.getHttpResponseCode());
        // Azurite's code for a SAS whose signature does not verify.
        assertEquals("AuthorizationFailure", e.getErrorCode());
        assertTrue(e.getMessage().contains("Azure Put Blob 4.csv.gz"), e.getMessage());
        assertFalse(e.getMessage().contains("sig="), "the SAS stays out of messages: " + e.getMessage());
    }

    @Test
    void slicedFileIsAssembledInManifestOrderAndACutSliceResumes() throws Exception {
        String name = "table-exports/in/c-main/orders/20.csv";
        String slice0 = TestData.rows(1, 3_000, 40);
        String slice1 = TestData.rows(3001, 3_000, 41);
        String slice2 = TestData.rows(6001, 3_000, 42);
        azurite.putBlob(CONTAINER, name + "0001_part_00", TestData.gzip(slice0));
        azurite.putBlob(CONTAINER, name + "0000_part_00", slice1.getBytes(StandardCharsets.UTF_8));
        azurite.putBlob(CONTAINER, name + "0002_part_00", TestData.gzip(slice2));
        azurite.putBlob(CONTAINER, name + "manifest", manifest(CONTAINER, name + "0001_part_00", name + "0000_part_00", name + "0002_part_00"));
        proxy.cutResponse(r -> r.path().endsWith("0002_part_00"), 5_000, 1);

        String content = TestData.read(transfer.openContent(AzuriteServer.detail(20, CONTAINER, name, true, proxy.endpoint())));

        assertEquals(slice0 + slice1 + slice2, content);
        assertEquals(1, proxy.cuts());
        assertTrue(proxy.requests().stream().anyMatch(r -> "bytes=5000-".equals(r.headers().get("range"))));
        assertTokenNeverSent();
    }

    @Test
    void manifestEntryOfAnotherContainerIsRejected() throws Exception {
        String name = "table-exports/21.csv";
        azurite.putBlob(CONTAINER, name + "manifest", manifest("other-container", name + "0000_part_00"));

        KeboolaException e = assertThrows(KeboolaException.class,
                () -> transfer.openContent(AzuriteServer.detail(21, CONTAINER, name, true, proxy.endpoint())));

        assertTrue(e.getMessage().contains("azure://devstoreaccount1.blob.core.windows.net/other-container/"), e.getMessage());
    }

    private static String blockId(int number) {
        return java.util.Base64.getEncoder().encodeToString(String.format("block-%08d", number).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] manifest(String container, String... names) {
        return ("{\"entries\":[" + Arrays.stream(names)
                .map(n -> "{\"url\":\"azure://" + AzuriteServer.ACCOUNT + ".blob.core.windows.net/" + container + "/" + n + "\"}")
                .collect(Collectors.joining(",")) + "]}").getBytes(StandardCharsets.UTF_8);
    }

    private void assertTokenNeverSent() {
        for (StorageProxy.Recorded request : proxy.requests()) {
            assertFalse(request.rawHead().contains(STORAGE_TOKEN), "Storage token sent to file storage: " + request.rawHead());
        }
    }
}
