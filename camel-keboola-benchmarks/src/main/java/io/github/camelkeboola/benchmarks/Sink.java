package io.github.camelkeboola.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.zip.CRC32;

/**
 * Where a contender's CSV goes (or where the generated CSV is seen on its way out): counts bytes and, when verifying,
 * sums the CRC-32 of every line. The sum does not depend on row order, so an export whose slices arrive in any order
 * still matches the import that produced it; measured runs skip it to keep the sink free.
 */
final class Sink extends OutputStream {

    private final boolean verify;
    private final CRC32 line = new CRC32();
    private long bytes;
    private long digest;

    Sink(boolean verify) {
        this.verify = verify;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        bytes += length;
        if (!verify) {
            return;
        }
        int start = offset;
        for (int i = offset, end = offset + length; i < end; i++) {
            if (data[i] == '\n') {
                line.update(data, start, i + 1 - start);
                digest += line.getValue();
                line.reset();
                start = i + 1;
            }
        }
        line.update(data, start, offset + length - start);
    }

    /** Drains {@code in} into this sink and closes it. */
    Sink drain(InputStream in) throws IOException {
        try (in) {
            in.transferTo(this);
        }
        return this;
    }

    /** Adds what another sink saw (a slice read on another thread): sums do not care about order. */
    void absorb(Sink other) {
        add(other.bytes, other.digest);
    }

    /** Adds what was counted elsewhere (a slice read, a part uploaded, by a worker in another JVM). */
    synchronized void add(long moreBytes, long moreDigest) {
        bytes += moreBytes;
        digest += moreDigest;
    }

    boolean verifying() {
        return verify;
    }

    @Override
    public void write(byte[] data) {
        write(data, 0, data.length);
    }

    long bytes() {
        return bytes;
    }

    /** The order-independent line digest (0 when not verifying). */
    long digest() {
        return digest;
    }
}
