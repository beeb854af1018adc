package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link FileTransfer} against the emulator's GCS flavour (JSON API), watched through a recording proxy. */
class GcsFileTransferTest {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private static KeboolaEmulator emulator;
    private static HttpStorageApi api;
    private StorageProxy proxy;
    private FileTransfer transfer;

    @BeforeAll
    static void startEmulator() {
        emulator = KeboolaEmulator.builder().provider("gcp").start();
        KeboolaConfiguration cfg = new KeboolaConfiguration();
        cfg.setStackUrl(emulator.baseUrl());
        cfg.setToken(emulator.token());
        api = new HttpStorageApi(cfg);
    }

    @AfterAll
    static void stopEmulator() {
        api.close();
        emulator.close();
    }

    @BeforeEach
    void start() throws Exception {
        proxy = new StorageProxy(Urls.origin(api.prepareFile("probe.csv", false, Map.of()).path("url").asText()));
        KeboolaConfiguration cfg = S3FileTransferTest.config(256 * 1024, 2);
        cfg.setToken(emulator.token());
        cfg.setFileStorageEndpoint(proxy.endpoint());
        transfer = FileTransfer.create(cfg);
    }

    @AfterEach
    void stop() throws Exception {
        transfer.close();
        proxy.close();
    }

    @Test
    void smallFileIsOneMediaUpload() {
        JsonNode prepared = api.prepareFile("small.csv.gz", false, Map.of());
        String csv = "\"id\",\"name\"\n\"1\",\"a\"\n";

        transfer.uploadGzipped(prepared, TestData.stream(csv));

        assertEquals(List.of("POST"), proxy.requests().stream().map(StorageProxy.Recorded::method).collect(Collectors.toList()));
        assertTrue(proxy.requests().get(0).target().contains("uploadType=media"));
        assertEquals(csv, TestData.read(transfer.openContent(api.getFile(prepared.path("id").asLong()))));
        assertTokenNeverSent();
    }

    @Test
    void largeFileIsAResumableUploadInChunksOf256KiBMultiples() {
        JsonNode prepared = api.prepareFile("large.csv.gz", false, Map.of());
        String csv = TestData.randomRows(8_000, 200, 5);

        long stored = transfer.uploadGzipped(prepared, TestData.stream(csv));

        List<StorageProxy.Recorded> requests = proxy.requests();
        assertTrue(requests.get(0).target().contains("uploadType=resumable"), requests.get(0).target());
        List<StorageProxy.Recorded> chunks = requests.subList(1, requests.size());
        assertTrue(chunks.size() >= 3, "several chunks: " + chunks.size());
        long expectedStart = 0;
        for (int i = 0; i < chunks.size(); i++) {
            Matcher range = CONTENT_RANGE.matcher(chunks.get(i).headers().get("content-range"));
            assertTrue(range.matches(), chunks.get(i).headers().toString());
            assertEquals(expectedStart, Long.parseLong(range.group(1)), "chunks are contiguous");
            boolean last = i == chunks.size() - 1;
            assertEquals(last ? String.valueOf(stored) : "*", range.group(3), "only the last chunk states the total");
            if (!last) {
                assertEquals(0, chunks.get(i).bodyLength() % GcsStore.CHUNK_GRANULARITY, "chunks are multiples of 256 KiB");
            }
            expectedStart = Long.parseLong(range.group(2)) + 1;
        }
        assertEquals(stored, expectedStart);
        assertEquals(csv, TestData.read(transfer.openContent(api.getFile(prepared.path("id").asLong()))));
        assertTokenNeverSent();
    }

    @Test
    void failedChunkIsSentAgainAlone() {
        JsonNode prepared = api.prepareFile("retry.csv.gz", false, Map.of());
        String csv = TestData.randomRows(8_000, 200, 6);
        proxy.failWith(r -> r.method().equals("PUT") && r.headers().getOrDefault("content-range", "").startsWith("bytes 262144-"), 503, 1);

        transfer.uploadGzipped(prepared, TestData.stream(csv));

        assertEquals(2, proxy.requests().stream().filter(r -> r.headers().getOrDefault("content-range", "").startsWith("bytes 262144-")).count());
        assertEquals(1, proxy.requests().stream().filter(r -> r.headers().getOrDefault("content-range", "").startsWith("bytes 0-")).count());
        assertEquals(csv, TestData.read(transfer.openContent(api.getFile(prepared.path("id").asLong()))));
    }

    @Test
    void chunkStoredOnlyInPartIsSentAgainFromWhereTheRangeOfThe308Ends() {
        JsonNode prepared = api.prepareFile("partial.csv.gz", false, Map.of());
        String csv = TestData.randomRows(8_000, 200, 7);
        // GCS answers the first chunk (bytes 0-262143) with a 308 whose Range says it kept only bytes 0-99999
        proxy.rewriteResponseHead(r -> r.method().equals("PUT") && r.headers().getOrDefault("content-range", "").startsWith("bytes 0-"),
                head -> head.replaceAll("(?im)^Range: .*$", "Range: bytes=0-99999"), 1);

        transfer.uploadGzipped(prepared, TestData.stream(csv));

        List<String> ranges = proxy.requests().stream().map(r -> r.headers().get("content-range")).filter(r -> r != null).toList();
        assertEquals("bytes 0-262143/*", ranges.get(0));
        assertEquals("bytes 100000-262143/*", ranges.get(1), "the rest of the chunk, from the first byte GCS did not keep");
        assertTrue(ranges.get(2).startsWith("bytes 262144-"), ranges.toString());
        assertEquals(csv, TestData.read(transfer.openContent(api.getFile(prepared.path("id").asLong()))));
    }

    @Test
    void wrongAccessTokenFailsWithStatusAndGcsErrorCode() {
        ObjectNode prepared = api.prepareFile("denied.csv.gz", false, Map.of()).deepCopy();
        ((ObjectNode) prepared.path("gcsUploadParams")).put("access_token", "ya29.not-a-token");

        KeboolaException e = assertThrows(KeboolaException.class, () -> transfer.uploadGzipped(prepared, TestData.stream("\"a\"\n")));

        assertEquals(401, e.getHttpResponseCode());
        assertNotNull(e.getErrorCode(), e.getMessage());
        assertTrue(e.getMessage().contains("GCS media upload of object"), e.getMessage());
        assertFalse(e.getMessage().contains("ya29.not-a-token"), e.getMessage());
    }

    private void assertTokenNeverSent() {
        for (StorageProxy.Recorded request : proxy.requests()) {
            assertFalse(request.rawHead().contains(emulator.token()), "Storage token sent to file storage: " + request.rawHead());
        }
    }
}
