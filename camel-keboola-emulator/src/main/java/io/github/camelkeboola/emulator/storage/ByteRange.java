package io.github.camelkeboola.emulator.storage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A single byte range of an object, from a {@code Range: bytes=a-b}, {@code bytes=a-} or {@code bytes=-n} header.
 *
 * @param start first byte
 * @param end   last byte (inclusive)
 */
record ByteRange(long start, long end) {

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    long length() {
        return end - start + 1;
    }

    /** {@code bytes start-end/size} for {@code Content-Range}. */
    String contentRange(long size) {
        return "bytes " + start + "-" + end + "/" + size;
    }

    /**
     * The range asked for within an object of {@code size} bytes; null when there is no (usable) header.
     *
     * @throws IllegalArgumentException when the range cannot be satisfied (starts past the end)
     */
    static ByteRange parse(String header, long size) {
        if (header == null) {
            return null;
        }
        Matcher m = RANGE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return null;
        }
        if (m.group(1).isEmpty()) {
            long suffix = Long.parseLong(m.group(2));
            if (suffix == 0 || size == 0) {
                throw new IllegalArgumentException("Unsatisfiable range " + header + " of " + size + " bytes");
            }
            return new ByteRange(Math.max(0, size - suffix), size - 1);
        }
        long start = Long.parseLong(m.group(1));
        long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
        if (start >= size || end < start) {
            throw new IllegalArgumentException("Unsatisfiable range " + header + " of " + size + " bytes");
        }
        return new ByteRange(start, end);
    }
}
