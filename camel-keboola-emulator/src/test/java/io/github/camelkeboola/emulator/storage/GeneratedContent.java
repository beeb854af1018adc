package io.github.camelkeboola.emulator.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Deterministic content of any size, generated on the fly, and digests of streams, so large objects never sit in memory. */
final class GeneratedContent extends InputStream {

    private final long size;
    private long position;

    GeneratedContent(long size) {
        this.size = size;
    }

    @Override
    public int read() {
        return position < size ? byteAt(position++) : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (position >= size) {
            return -1;
        }
        int n = (int) Math.min(len, size - position);
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) byteAt(position++);
        }
        return n;
    }

    private static int byteAt(long index) {
        return (int) ((index * 31 + (index >>> 13)) & 0xff);
    }

    /** SHA-256 of the whole stream, hex; closes it. */
    static String sha256(InputStream in) {
        try (in) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
