package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * The baseline export, as a hand-written client does it: export job, manifest through its presigned URL, then each
 * slice in turn with one plain signed GET, gunzipped and counted.
 */
final class BaselineExport implements Scenario {

    @Override
    public Moved run(Stack stack, long bytes) throws Exception {
        String tableId = BUCKET + "." + BaselineImport.TABLE;
        try (HttpStorageApi api = Stacks.api(stack)) {
            JsonNode job = api.waitForJob(api.exportAsync(tableId, Map.of("gzip", true)), Duration.ofHours(6));
            JsonNode file = api.getFile(job.path("results").path("file").path("id").asLong());
            StringBuilder header = new StringBuilder();
            api.getTable(tableId).path("columns").forEach(c -> header.append(header.length() == 0 ? "" : ",").append('"').append(c.asText()).append('"'));
            long csvBytes = header.length() + 1;

            JsonNode path = file.path("s3Path");
            String bucket = path.path("bucket").asText();
            RawS3 s3 = new RawS3(Stacks.origin(file.path("url").asText()), bucket, file.path("region").asText(""), file.path("credentials"));
            if (!file.path("isSliced").asBoolean()) {
                try (InputStream in = gunzipIfGzip(s3.get(path.path("key").asText()))) {
                    return new Moved(in.transferTo(OutputStream.nullOutputStream()), job.path("id").asLong());
                }
            }
            JsonNode manifest;
            try (InputStream in = s3.getUrl(file.path("url").asText())) {
                manifest = new ObjectMapper().readTree(in);
            }
            for (JsonNode entry : manifest.path("entries")) {
                String key = entry.path("url").asText().substring(("s3://" + bucket + "/").length());
                try (InputStream in = gunzipIfGzip(s3.get(key))) {
                    csvBytes += in.transferTo(OutputStream.nullOutputStream());
                }
            }
            return new Moved(csvBytes, job.path("id").asLong());
        }
    }

    private static InputStream gunzipIfGzip(InputStream raw) throws java.io.IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip ? new GZIPInputStream(in, 64 * 1024) : in;
    }
}
