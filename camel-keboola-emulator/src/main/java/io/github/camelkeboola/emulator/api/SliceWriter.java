package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.storage.FileStorage;

import java.io.BufferedWriter;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes export rows as slices ({@code prefix0000_part_00}, ...) of at most {@code rowsPerSlice} rows:
 * no header, every value double-quoted, LF line ends, each slice its own gzip file when asked. Then the
 * manifest listing them.
 */
final class SliceWriter implements AutoCloseable {

    private final FileStorage storage;
    private final String prefix;
    private final boolean gzip;
    private final int rowsPerSlice;
    private final List<String> keys = new ArrayList<>();
    private Writer writer;
    private CountingStream counter;
    private long rowsInSlice;
    private long bytes;

    SliceWriter(FileStorage storage, String prefix, boolean gzip, int rowsPerSlice) {
        this.storage = storage;
        this.prefix = prefix;
        this.gzip = gzip;
        this.rowsPerSlice = rowsPerSlice;
    }

    void row(String[] values) throws IOException {
        if (writer == null || rowsInSlice == rowsPerSlice) {
            nextSlice();
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write('"');
            writer.write(values[i].replace("\"", "\"\""));
            writer.write('"');
        }
        writer.write('\n');
        rowsInSlice++;
    }

    private void nextSlice() throws IOException {
        closeSlice();
        String key = prefix + String.format("%04d_part_00", keys.size());
        keys.add(key);
        counter = new CountingStream(storage.write(key));
        OutputStream out = gzip ? new FastGzip(counter) : counter;
        writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        rowsInSlice = 0;
    }

    private void closeSlice() throws IOException {
        if (writer != null) {
            writer.close();
            bytes += counter.count;
            writer = null;
        }
    }

    /** Finishes the last slice (an empty table gives one empty slice) and writes the manifest. */
    void finish(String manifestKey) throws IOException {
        if (keys.isEmpty()) {
            nextSlice();
        }
        closeSlice();
        StringBuilder manifest = new StringBuilder("{\"entries\":[");
        for (int i = 0; i < keys.size(); i++) {
            manifest.append(i == 0 ? "" : ",").append("{\"url\":")
                    .append(Json.MAPPER.writeValueAsString(storage.entryUrl(keys.get(i)))).append(",\"mandatory\":true}");
        }
        manifest.append("]}");
        try (OutputStream out = storage.write(manifestKey)) {
            out.write(manifest.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Bytes written to storage (compressed when gzip). */
    long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        closeSlice();
    }

    /** Gzip at the fastest level: slices are transient transfer files, export speed matters more than size. */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, 64 * 1024);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
