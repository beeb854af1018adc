package io.github.camelkeboola.component;

import org.apache.camel.Exchange;
import org.apache.camel.StreamCache;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * The CSV body of an export ({@code outputType=stream}), read as it downloads, never held whole. Camel's stream
 * caching (on by default, in memory unless spooling is enabled) would copy a whole table into memory, so this body is
 * its own {@link StreamCache}: instead of a copy of the bytes it keeps the way to download them again. Reading it
 * again after a {@link #reset()}, after {@link #close()} (the exchange completed) or through a {@link #copy} starts a
 * new download of the same file, so a body read after the route finished (a mock endpoint's received exchange) still
 * has the rows instead of being silently empty.
 */
public final class KeboolaCsvStream extends InputStream implements StreamCache {

    private final Supplier<InputStream> download;
    private InputStream current;
    private long position;

    /**
     * @param first    the content, already opened (so a storage failure fails the step that produced it)
     * @param download opens the same content again from its first byte
     */
    public KeboolaCsvStream(InputStream first, Supplier<InputStream> download) {
        this.current = first;
        this.download = download;
    }

    @Override
    public int read() throws IOException {
        int b = open().read();
        if (b >= 0) {
            position++;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = open().read(buffer, offset, length);
        if (n > 0) {
            position += n;
        }
        return n;
    }

    private InputStream open() {
        if (current == null) {
            current = download.get();
            position = 0;
        }
        return current;
    }

    /** Back to the first byte: a no-op until something was read, else the next read downloads again. */
    @Override
    public void reset() {
        if (position > 0) {
            closeCurrent();
        }
    }

    /** Stops the download in progress; a later read starts a new one. */
    @Override
    public void close() {
        closeCurrent();
    }

    private void closeCurrent() {
        InputStream open = current;
        current = null;
        position = 0;
        if (open != null) {
            try {
                open.close();
            } catch (IOException | RuntimeException ignored) {
                // the download is abandoned either way
            }
        }
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        try (InputStream all = download.get()) {
            all.transferTo(out);
        }
    }

    @Override
    public StreamCache copy(Exchange exchange) {
        return new KeboolaCsvStream(null, download);
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    /** Unknown until read to the end (the StreamCache contract allows 0). */
    @Override
    public long length() {
        return 0;
    }

    @Override
    public long position() {
        return position;
    }
}
