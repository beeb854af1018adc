package io.github.camelkeboola.component.transfer;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Gzip detection by magic bytes: slices are gzip when the export asked for it, plain CSV otherwise. */
final class Gzip {

    static final int BUFFER = 64 * 1024;

    private Gzip() {
    }

    /** The stream decompressed when it starts with the gzip magic bytes (1f 8b), else as it is. */
    static InputStream decompressIfGzip(InputStream in) throws IOException {
        BufferedInputStream buffered = new BufferedInputStream(in, BUFFER);
        buffered.mark(2);
        int b1 = buffered.read();
        int b2 = buffered.read();
        buffered.reset();
        if (b1 == 0x1f && b2 == 0x8b) {
            // GZIPInputStream reads every member of a multi-member stream, as byte-wise concatenated slices are.
            return new GZIPInputStream(buffered, BUFFER);
        }
        return buffered;
    }
}
