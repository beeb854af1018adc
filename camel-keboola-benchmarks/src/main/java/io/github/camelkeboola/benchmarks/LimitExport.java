package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;

/**
 * The most the client side can do here: the same export job and the same slices, fetched with the component's
 * download parallelism, each gunzipped straight into a counting sink: no CSV handling, no ordering, no Camel.
 */
final class LimitExport implements Scenario {

    static final int PARALLELISM = new KeboolaConfiguration().getDownloadParallelism();

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        try (HttpStorageApi api = Stacks.api(stack)) {
            JsonNode job = api.waitForJob(api.exportAsync(EXPORTED_TABLE, Map.of("gzip", true)), Duration.ofHours(6));
            JsonNode file = api.getFile(job.path("results").path("file").path("id").asLong());
            sink.write(CsvGenerator.line(columns(api.getTable(EXPORTED_TABLE))));
            fetch(file, sink);
            return new Moved(sink.bytes(), sink.digest(), job.path("id").asLong());
        }
    }

    /** Every slice of an exported file, {@link #PARALLELISM} at a time, each into a sink of its own, then into {@code sink}. */
    static void fetch(JsonNode file, Sink sink) throws Exception {
        String bucket = file.path("s3Path").path("bucket").asText();
        RawS3 s3 = new RawS3(Stacks.origin(file.path("url").asText()), bucket, file.path("region").asText(""), file.path("credentials"));
        JsonNode manifest;
        try (InputStream in = s3.getUrl(file.path("url").asText())) {
            manifest = new ObjectMapper().readTree(in);
        }
        ExecutorService pool = Executors.newFixedThreadPool(PARALLELISM);
        try {
            List<Future<Sink>> slices = new ArrayList<>();
            for (JsonNode entry : manifest.path("entries")) {
                String key = entry.path("url").asText().substring(("s3://" + bucket + "/").length());
                slices.add(pool.submit(() -> new Sink(sink.verifying()).drain(new GZIPInputStream(s3.get(key), 64 * 1024))));
            }
            for (Future<Sink> slice : slices) {
                sink.absorb(slice.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    static List<String> columns(JsonNode table) {
        List<String> columns = new ArrayList<>();
        table.path("columns").forEach(c -> columns.add(c.asText()));
        return columns;
    }
}
