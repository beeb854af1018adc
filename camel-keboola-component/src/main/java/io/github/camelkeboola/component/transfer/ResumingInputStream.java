package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one stored object and survives a download cut halfway: after a connection reset, or a body shorter than its
 * {@code Content-Length}, it asks again with {@code Range: bytes=<received>-}, so no byte is lost or read twice. When
 * the store refuses expired credentials, it asks again with renewed ones ({@link DownloadStore}), from the same byte.
 */
final class ResumingInputStream extends InputStream {

    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final DownloadStore stores;
    private final String key;
    private final StorageHttp http;
    private ClassicHttpResponse response;
    private InputStream body;
    private long position;
    /** Where the object ends as its first answer told, or -1 when it did not say. */
    private long end = -1;
    private int failures;
    private boolean closed;

    ResumingInputStream(DownloadStore stores, String key, StorageHttp http) {
        this.stores = stores;
        this.key = key;
        this.http = http;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (closed) {
            throw new IOException("Stream of " + key + " is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (end >= 0 && position >= end) {
                return -1;
            }
            try {
                // reopening is inside: a resumed download cut while it skips to its position is resumed again
                if (body == null && !open()) {
                    return -1;
                }
                int n = body.read(buffer, offset, length);
                if (n > 0) {
                    position += n;
                    failures = 0;
                    return n;
                }
                if (end < 0 || position >= end) {
                    return -1;
                }
                throw new EOFException("body ended at byte " + position + " of " + end);
            } catch (IOException e) {
                // A cut connection: drop it and resume from the first byte not received.
                discardResponse();
                http.retryOrFail(stores.current().name() + " download of " + key + " (at byte " + position + ")", failures++, e);
            }
        }
    }

    /** Requests the rest of the object; false when nothing is left (416 at the end). */
    private boolean open() throws IOException {
        ObjectStore store = stores.current();
        try {
            response = store.open(key, position);
        } catch (KeboolaException refused) {
            ObjectStore renewed = stores.after(store, refused, store.name() + " download of " + key);
            if (renewed == null) {
                throw refused;
            }
            store = renewed;
            response = store.open(key, position); // refused again: that stands
        }
        int status = response.getCode();
        if (status == 416) {
            discardResponse();
            if (position > 0) {
                end = position;
                return false;
            }
            throw new KeboolaException(store.name() + " download of " + key + " answered 416 for the whole object", 416, null, null, null, null, null);
        }
        HttpEntity entity = response.getEntity();
        InputStream in = entity == null ? InputStream.nullInputStream() : entity.getContent();
        if (status == 206) {
            Header range = response.getFirstHeader("Content-Range");
            Matcher m = range == null ? null : CONTENT_RANGE.matcher(range.getValue());
            if (m == null || !m.find() || Long.parseLong(m.group(1)) != position) {
                discardResponse();
                throw new KeboolaException(store.name() + " download of " + key + " answered a range that does not start at byte "
                        + position, 206, null, null, null, null, null);
            }
            end = "*".equals(m.group(3)) ? Long.parseLong(m.group(2)) + 1 : Long.parseLong(m.group(3));
        } else {
            // A server that ignores Range sends the whole object again: skip what we have.
            in.skipNBytes(position);
            long length = entity == null ? -1 : entity.getContentLength();
            end = length < 0 ? -1 : length;
        }
        body = in;
        return true;
    }

    private void discardResponse() {
        try {
            if (response != null) {
                // Closing (not draining) drops the connection instead of reading the rest of a large body.
                response.close();
            }
        } catch (IOException ignored) {
            // the connection is dropped either way
        }
        response = null;
        body = null;
    }

    @Override
    public void close() {
        closed = true;
        discardResponse();
    }
}
