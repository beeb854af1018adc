package io.github.camelkeboola.benchmarks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * Deterministic generated CSV of at least {@code targetBytes}, made as it is read: a gigabyte costs no memory and no
 * disk. Rows look like a business table: mixed widths (ids, short codes, a free-text note that is now and then a
 * few hundred characters), quotes and commas inside values, non-ASCII UTF-8 (Czech, German, Japanese). Every value
 * is quoted, as Keboola's exports write it, so an export gives back exactly the bytes imported. gzip shrinks it about
 * as much as real tables (3-4x). Every byte produced is also written to a {@link Sink}.
 */
final class CsvGenerator extends InputStream {

    static final List<String> COLUMNS = List.of("id", "name", "city", "amount", "status", "note");
    private static final String[] CITIES = {"Praha", "Plzeň", "Brno", "Zürich", "München", "東京", "São Paulo", "Kraków",
        "Vancouver", "Toronto"};
    private static final String[] WORDS = {"order", "shipped", "pending", "returned", "priority", "gift", "bulk", "express",
        "invoice", "customer", "comma, inside", "quote \"inside\"", "příliš žluťoučký kůň", "配送済み", "Grüße"};
    private static final String[] STATUS = {"A", "B", "OPEN", "CLOSED", "ON_HOLD"};

    /** Ids of part {@code n} of a load start at {@code n * PART_IDS + 1}, so no two parts share a row. */
    private static final long PART_IDS = 1_000_000_000_000L;

    private final long targetBytes;
    private final Sink sink;
    private final SplittableRandom random;
    private final StringBuilder line = new StringBuilder(512);
    private byte[] pending;
    private int pendingPos;
    private long produced;
    private long nextId;

    /** The table: its header row, then rows. */
    CsvGenerator(long targetBytes, Sink sink) {
        this(targetBytes, sink, 42, 1);
        this.pending = encode(COLUMNS.toArray(String[]::new));
    }

    private CsvGenerator(long targetBytes, Sink sink, long seed, long firstId) {
        this.targetBytes = targetBytes;
        this.sink = sink;
        this.random = new SplittableRandom(seed);
        this.nextId = firstId;
        this.pending = new byte[0];
    }

    /**
     * Part {@code part} of a load spread over workers: rows only, no header row (a slice of a sliced file has none),
     * with rows and ids of its own.
     */
    static CsvGenerator part(int part, long targetBytes, Sink sink) {
        return new CsvGenerator(targetBytes, sink, 1000L + part, part * PART_IDS + 1);
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int written = 0;
        while (written < length) {
            if (pendingPos == pending.length) {
                if (produced >= targetBytes) {
                    break;
                }
                pending = encode(nextRow());
                pendingPos = 0;
            }
            int n = Math.min(length - written, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, buffer, offset + written, n);
            pendingPos += n;
            written += n;
            produced += n;
        }
        if (written > 0) {
            sink.write(buffer, offset, written);
        }
        return written == 0 ? -1 : written;
    }

    /**
     * The same table as rows (column to value), for the importers that take {@code Iterator<Map>}; each row's CSV
     * line (and the header) goes to the sink as it is handed out.
     */
    Iterator<Map<String, String>> rows() {
        sink.write(pending, 0, pending.length);
        produced = pending.length;
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced < targetBytes;
            }

            @Override
            public Map<String, String> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                String[] values = nextRow();
                byte[] csv = encode(values);
                sink.write(csv, 0, csv.length);
                produced += csv.length;
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < values.length; i++) {
                    row.put(COLUMNS.get(i), values[i]);
                }
                return row;
            }
        };
    }

    /** Bytes handed out so far. */
    long produced() {
        return produced;
    }

    private String[] nextRow() {
        long id = nextId++;
        StringBuilder note = new StringBuilder();
        // Mostly a handful of words; one row in twenty carries a long free text.
        int words = random.nextInt(20) == 0 ? 30 + random.nextInt(40) : 2 + random.nextInt(6);
        for (int i = 0; i < words; i++) {
            note.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        note.append(' ').append(Long.toHexString(random.nextLong()));
        return new String[] {
            String.valueOf(id),
            "customer " + random.nextInt(1_000_000),
            CITIES[random.nextInt(CITIES.length)],
            random.nextInt(100_000) + "." + random.nextInt(10) + random.nextInt(10),
            STATUS[random.nextInt(STATUS.length)],
            note.toString()};
    }

    /** One CSV line, every value quoted, quotes doubled. */
    private byte[] encode(String[] values) {
        line.setLength(0);
        for (int i = 0; i < values.length; i++) {
            line.append(i == 0 ? "\"" : ",\"").append(values[i].replace("\"", "\"\"")).append('"');
        }
        return line.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The line {@link #encode} writes for one row: how the rows exporters count what they received. */
    static byte[] line(Iterable<String> values) {
        StringBuilder out = new StringBuilder(256);
        for (String value : values) {
            out.append(out.length() == 0 ? "\"" : ",\"").append(value.replace("\"", "\"\"")).append('"');
        }
        return out.append('\n').toString().getBytes(StandardCharsets.UTF_8);
    }
}
