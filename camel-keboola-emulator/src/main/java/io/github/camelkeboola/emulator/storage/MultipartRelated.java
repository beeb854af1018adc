package io.github.camelkeboola.emulator.storage;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a two-part {@code multipart/related} upload body (JSON metadata, then the media) as GCS multipart
 * uploads send it, streaming the media part.
 */
final class MultipartRelated {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
    private static final int MAX_METADATA = 1024 * 1024;

    private final InputStream in;
    private final byte[] delimiter;

    private MultipartRelated(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A reader of the body, or null when the content type names no boundary. */
    static MultipartRelated of(String contentType, InputStream body) {
        Matcher m = BOUNDARY.matcher(contentType == null ? "" : contentType);
        return m.find() ? new MultipartRelated(body, m.group(1)) : null;
    }

    /** Skips to the first part and returns the first part's body (the metadata). */
    byte[] metadata() throws IOException {
        // The body starts with "--boundary"; pretend a CRLF preceded it so one delimiter form fits all.
        skipPreamble();
        skipPartHeaders();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        copyPart(new LimitedOutput(out, MAX_METADATA));
        return out.toByteArray();
    }

    /** Streams the second part's body (the media) to {@code out}. */
    void media(OutputStream out) throws IOException {
        skipPartHeaders();
        copyPart(out);
    }

    private void skipPreamble() throws IOException {
        byte[] first = java.util.Arrays.copyOfRange(delimiter, 2, delimiter.length);
        for (byte b : first) {
            int c = in.read();
            if (c != (b & 0xff)) {
                throw new IOException("Multipart body does not start with its boundary");
            }
        }
        readLine();
    }

    private void skipPartHeaders() throws IOException {
        while (!readLine().isEmpty()) {
            // part headers (Content-Type) are not needed
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) != '\n') {
            if (c < 0) {
                throw new EOFException("Multipart body ended early");
            }
            if (c != '\r') {
                line.write(c);
            }
            if (line.size() > 8192) {
                throw new IOException("Multipart header line too long");
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Copies up to the next delimiter and consumes the rest of the delimiter line. */
    private void copyPart(OutputStream out) throws IOException {
        int matched = 0;
        while (true) {
            int c = in.read();
            if (c < 0) {
                throw new EOFException("Multipart body ended before its closing boundary");
            }
            if (c == (delimiter[matched] & 0xff)) {
                matched++;
                if (matched == delimiter.length) {
                    readLine();
                    return;
                }
                continue;
            }
            if (matched > 0) {
                // The boundary holds no CR, so a new match can only begin at the current byte.
                out.write(delimiter, 0, matched);
                matched = 0;
                if (c == (delimiter[0] & 0xff)) {
                    matched = 1;
                    continue;
                }
            }
            out.write(c);
        }
    }

    private static final class LimitedOutput extends OutputStream {
        private final OutputStream out;
        private long left;

        LimitedOutput(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            if (--left < 0) {
                throw new IOException("Multipart metadata too large");
            }
            out.write(b);
        }
    }
}
