package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.HttpStorageApi;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * The most the client side can do here: the CSV gzipped straight into the same multipart upload the component makes
 * (its part size, one part filling while the previous one uploads), then the same create-table job. No Camel.
 */
final class LimitImport implements Scenario {

    static final int PART_SIZE = new KeboolaConfiguration().getUploadPartSize();

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        String table = Scenario.importTable("limit-import");
        try (HttpStorageApi api = Stacks.api(stack)) {
            api.ensureBucket(BUCKET);
            JsonNode prepared = api.prepareFile(table + ".csv.gz", false, Map.of());
            JsonNode upload = prepared.path("uploadParams");
            RawS3 s3 = new RawS3(Stacks.origin(prepared.path("url").asText()), upload.path("bucket").asText(),
                    prepared.path("region").asText(""), upload.path("credentials"));
            String sse = upload.path("x-amz-server-side-encryption").asText("");
            String key = upload.path("key").asText();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Parts parts = new Parts(s3, key, s3.startMultipart(key, sse.isEmpty() ? Map.of() : Map.of("x-amz-server-side-encryption", sse)), pool)) {
                try (OutputStream gzip = new GZIPOutputStream(parts, 64 * 1024)) {
                    new CsvGenerator(bytes, sink).transferTo(gzip);
                }
                parts.complete();
            } finally {
                pool.shutdownNow();
            }
            JsonNode job = api.waitForJob(api.createTableAsync(BUCKET, Map.of("name", table, "dataFileId", prepared.path("id").asLong()), null),
                    Duration.ofHours(6));
            return new Moved(sink.bytes(), sink.digest(), job.path("id").asLong());
        }
    }

    /** Fills a part while the previous one uploads. */
    private static final class Parts extends OutputStream {
        private final RawS3 s3;
        private final String key;
        private final String uploadId;
        private final ExecutorService pool;
        private final List<Future<String>> etags = new ArrayList<>();
        private byte[] filling = new byte[PART_SIZE];
        private byte[] spare = new byte[PART_SIZE];
        private int count;
        private boolean closed;

        Parts(RawS3 s3, String key, String uploadId, ExecutorService pool) {
            this.s3 = s3;
            this.key = key;
            this.uploadId = uploadId;
            this.pool = pool;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] data, int offset, int length) throws IOException {
            while (length > 0) {
                if (count == filling.length) {
                    send();
                }
                int n = Math.min(length, filling.length - count);
                System.arraycopy(data, offset, filling, count, n);
                count += n;
                offset += n;
                length -= n;
            }
        }

        @Override
        public void close() throws IOException {
            if (!closed && count > 0) {
                send();
            }
            closed = true;
        }

        void complete() throws Exception {
            close();
            List<String> done = new ArrayList<>();
            for (Future<String> etag : etags) {
                done.add(etag.get());
            }
            s3.completeMultipart(key, uploadId, done);
        }

        private void send() throws IOException {
            if (!etags.isEmpty()) {
                try {
                    etags.get(etags.size() - 1).get();
                } catch (Exception e) {
                    throw new IOException("Part " + etags.size() + " of " + key + " failed", e);
                }
            }
            byte[] part = filling;
            int length = count;
            int number = etags.size() + 1;
            etags.add(pool.submit(() -> s3.uploadPart(key, uploadId, number, part, length)));
            filling = spare;
            spare = part;
            count = 0;
        }
    }
}
