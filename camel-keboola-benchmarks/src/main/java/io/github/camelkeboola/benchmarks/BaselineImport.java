package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The baseline import, as a hand-written client does it: gzip the CSV to a file, PUT it in one plain signed request
 * to the file storage, then create the table from it.
 */
final class BaselineImport implements Scenario {

    static final String TABLE = "baseline";

    @Override
    public Moved run(Stack stack, long bytes) throws Exception {
        Path gz = Files.createTempFile("bench-baseline-", ".csv.gz");
        try (HttpStorageApi api = Stacks.api(stack)) {
            api.ensureBucket(BUCKET);
            JsonNode prepared = api.prepareFile(TABLE + ".csv.gz", false, Map.of());
            CsvGenerator csv = new CsvGenerator(bytes);
            long csvBytes;
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz), 64 * 1024)) {
                csvBytes = csv.transferTo(out);
            }
            JsonNode upload = prepared.path("uploadParams");
            RawS3 s3 = new RawS3(Stacks.origin(prepared.path("url").asText()), upload.path("bucket").asText(),
                    prepared.path("region").asText(""), upload.path("credentials"));
            String sse = upload.path("x-amz-server-side-encryption").asText("");
            s3.put(upload.path("key").asText(), gz, sse.isEmpty() ? Map.of() : Map.of("x-amz-server-side-encryption", sse));
            JsonNode job = api.waitForJob(api.createTableAsync(BUCKET, Map.of("name", TABLE, "dataFileId", prepared.path("id").asLong())),
                    Duration.ofHours(6));
            return new Moved(csvBytes, job.path("id").asLong());
        } finally {
            Files.deleteIfExists(gz);
        }
    }
}
