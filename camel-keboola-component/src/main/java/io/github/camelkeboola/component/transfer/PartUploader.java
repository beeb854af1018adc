package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.KeboolaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * An {@link OutputStream} that stores what is written as one object: in a single request when it all fits in one
 * part, else as a multipart upload. Holds at most two parts: one being filled while the previous one uploads.
 * A full part is sent only once more bytes arrive, so the last part is always known as such (GCS needs that).
 */
final class PartUploader extends OutputStream {

    private static final Logger LOG = LoggerFactory.getLogger(PartUploader.class);

    private final ObjectStore store;
    private final String key;
    private final ExecutorService executor;
    private byte[] filling;
    private byte[] spare;
    private int count;
    private int partNumber;
    private long bytes;
    private ObjectStore.MultipartUpload multipart;
    private Future<?> inFlight;
    private boolean finished;

    PartUploader(ObjectStore store, String key, int partSize, ExecutorService executor) {
        this.store = store;
        this.key = key;
        this.executor = executor;
        this.filling = new byte[store.partSize(partSize)];
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] data, int offset, int length) throws IOException {
        while (length > 0) {
            if (count == filling.length) {
                sendFullPart();
            }
            int n = Math.min(length, filling.length - count);
            System.arraycopy(data, offset, filling, count, n);
            count += n;
            offset += n;
            length -= n;
            bytes += n;
        }
    }

    /** Uploads what is left as the last part (or the whole object) and completes the upload; returns the bytes stored. */
    long finish() throws IOException {
        finished = true;
        awaitInFlight();
        if (multipart == null) {
            store.put(key, filling, count);
        } else {
            multipart.uploadPart(++partNumber, filling, count, true);
            multipart.complete();
        }
        return bytes;
    }

    /** Drops a multipart upload that will not be completed (best effort; the original failure matters more). */
    void abort() {
        if (inFlight != null) {
            inFlight.cancel(true);
        }
        if (multipart != null) {
            try {
                multipart.abort();
            } catch (RuntimeException e) {
                LOG.warn("Could not abort the {} multipart upload of {}: {}", store.name(), key, e.getMessage());
            }
        }
    }

    private void sendFullPart() throws IOException {
        awaitInFlight();
        if (multipart == null) {
            multipart = store.startMultipart(key);
        }
        int number = ++partNumber;
        byte[] part = filling;
        int length = count;
        inFlight = executor.submit(() -> multipart.uploadPart(number, part, length, false));
        filling = spare != null ? spare : new byte[part.length];
        spare = part;
        count = 0;
    }

    private void awaitInFlight() throws IOException {
        if (inFlight == null) {
            return;
        }
        try {
            inFlight.get();
            inFlight = null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while uploading " + key);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof KeboolaException k) {
                throw k;
            }
            throw new IOException("Uploading a part of " + key + " failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (!finished) {
            abort();
        }
    }
}
