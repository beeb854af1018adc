package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.S3Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A large table through the standalone jar with its heap capped at 512 MB: import streams the CSV into
 * the database, export streams rows into gzip slices. {@code -Dlarge.rows=10000000} for the full size.
 */
class LargeTableTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(30);

    @TempDir
    Path dir;

    @Test
    void importAndExportStreamWithA512MbHeap() throws Exception {
        long rows = Long.getLong("large.rows", 200_000);
        Path csv = dir.resolve("big.csv.gz");
        try (Writer out = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(csv), 1 << 16),
                StandardCharsets.UTF_8), 1 << 16)) {
            out.write("id,name,city,amount\n");
            for (long i = 1; i <= rows; i++) {
                out.write(i + ",name-" + i + ",city-" + (i % 100) + "," + (i * 7 % 1000) + "\n");
            }
        }
        try (StandaloneProcess emulator = new StandaloneProcess(List.of("-Xmx512m"), "--port", "0", "--token", "big",
                "--data-dir", dir.resolve("data").toString())) {
            ApiClient api = new ApiClient(emulator.baseUrl(), "big");
            api.postJson("/v2/storage/buckets", Map.of("name", "big"));
            JsonNode prepared = api.postJson("/v2/storage/files/prepare", Map.of("name", "big.csv.gz", "federationToken", true)).json();
            try (S3Client s3 = S3Files.client(prepared.get("url").asText(), prepared.at("/uploadParams/credentials"))) {
                s3.putObject(b -> b.bucket(prepared.at("/uploadParams/bucket").asText()).key(prepared.at("/uploadParams/key").asText()),
                        RequestBody.fromFile(csv));
            }
            long start = System.nanoTime();
            JsonNode table = api.jobResults(api.postJson("/v2/storage/buckets/in.c-big/tables-async",
                    Map.of("name", "t", "dataFileId", prepared.get("id").asLong())), JOB_TIMEOUT);
            long imported = System.nanoTime();
            assertEquals(rows, table.get("rowsCount").asLong());

            JsonNode results = api.jobResults(api.postJson("/v2/storage/tables/in.c-big.t/export-async", Map.of("gzip", true)),
                    JOB_TIMEOUT);
            long exported = System.nanoTime();
            JsonNode file = api.get("/v2/storage/files/" + results.at("/file/id").asLong() + "?federationToken=1").json();
            S3Files.SliceStats stats = S3Files.countLines(file);
            long downloaded = System.nanoTime();
            assertEquals(rows, stats.lines());
            assertTrue(stats.slices() > 1, "a large export has several slices");
            System.out.printf("LargeTableTest: %d rows (%d MB gzip in); import %.1f s, export %.1f s (%d slices, %d MB CSV),"
                            + " download+count %.1f s%n", rows, Files.size(csv) >> 20, (imported - start) / 1e9,
                    (exported - imported) / 1e9, stats.slices(), stats.bytes() >> 20, (downloaded - exported) / 1e9);
            assertTrue(emulator.terminate());
            assertTrue(emulator.output().stream().noneMatch(l -> l.contains("OutOfMemoryError")), emulator.output().toString());
        }
    }
}
