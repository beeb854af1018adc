package io.github.camelkeboola.benchmarks;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic generated CSV (header row, then rows of five quoted columns) of at least {@code targetBytes}, made
 * as it is read: a gigabyte costs no memory and no disk. Values mix repeated words and random digits, so gzip shrinks
 * it about as much as it shrinks real business tables (roughly 3-4x).
 */
final class CsvGenerator extends InputStream {

    static final List<String> COLUMNS = List.of("id", "name", "city", "amount", "note");
    private static final String[] CITIES = {"Prague", "Vancouver", "Brno", "Berlin", "Lisbon", "Toronto", "Ostrava", "Seattle"};
    private static final String[] WORDS = {"order", "shipped", "pending", "returned", "priority", "gift", "bulk", "express",
        "invoice", "customer", "comma, inside", "quote \"\" inside"};

    private final long targetBytes;
    private final SplittableRandom random = new SplittableRandom(42);
    private final StringBuilder row = new StringBuilder(256);
    private byte[] pending;
    private int pendingPos;
    private long produced;
    private long nextId = 1;

    CsvGenerator(long targetBytes) {
        this.targetBytes = targetBytes;
        this.pending = (String.join(",", COLUMNS.stream().map(c -> '"' + c + '"').toList()) + "\n").getBytes(StandardCharsets.UTF_8);
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
                nextRow();
            }
            int n = Math.min(length - written, pending.length - pendingPos);
            System.arraycopy(pending, pendingPos, buffer, offset + written, n);
            pendingPos += n;
            written += n;
            produced += n;
        }
        return written == 0 ? -1 : written;
    }

    /** Bytes read so far. */
    long produced() {
        return produced;
    }

    private void nextRow() {
        long id = nextId++;
        row.setLength(0);
        row.append('"').append(id).append("\",\"customer ").append(random.nextInt(1_000_000)).append("\",\"")
                .append(CITIES[random.nextInt(CITIES.length)]).append("\",\"").append(random.nextInt(100_000)).append('.')
                .append(random.nextInt(100)).append("\",\"");
        for (int i = 0, words = 3 + random.nextInt(6); i < words; i++) {
            row.append(i == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
        }
        row.append(' ').append(Long.toHexString(random.nextLong())).append("\"\n");
        pending = row.toString().getBytes(StandardCharsets.UTF_8);
        pendingPos = 0;
    }
}
