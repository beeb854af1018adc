package io.github.camelkeboola.component.transfer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The slices of a sliced file as one stream, in manifest order, each gunzipped when it is gzip. Up to
 * {@code parallelism} slices download ahead of the one being read, into temporary files (a slice can be gigabytes:
 * it never sits in the heap); a slice's file is deleted once read, so at most {@code parallelism + 1} of them exist.
 */
final class SlicedContent extends InputStream {

    private static final Logger LOG = LoggerFactory.getLogger(SlicedContent.class);

    private final DownloadStore store;
    private final List<String> keys;
    private final StorageHttp http;
    private final ExecutorService executor;
    private final int parallelism;
    private final Deque<Future<Path>> ahead = new ArrayDeque<>();
    private int nextToFetch;
    private Path currentFile;
    private InputStream current;
    private volatile boolean closed;

    SlicedContent(DownloadStore store, List<String> keys, StorageHttp http, ExecutorService executor, int parallelism)
            throws IOException {
        this.store = store;
        this.keys = keys;
        this.http = http;
        this.executor = executor;
        this.parallelism = parallelism;
        fetchAhead();
        // the first slice is waited for here, so a storage failure fails the step that opened the content, not a
        // later step that reads it
        try {
            openNext();
        } catch (IOException | RuntimeException e) {
            closeQuietly();
            throw e;
        }
    }

    private void closeQuietly() {
        try {
            close();
        } catch (IOException ignored) {
            // the original failure matters
        }
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
            throw new IOException("Sliced content is closed");
        }
        if (length == 0) {
            return 0;
        }
        while (true) {
            if (current == null && !openNext()) {
                return -1;
            }
            int n = current.read(buffer, offset, length);
            if (n >= 0) {
                return n;
            }
            closeCurrent();
        }
    }

    private boolean openNext() throws IOException {
        Future<Path> next = ahead.poll();
        if (next == null) {
            return false;
        }
        try {
            currentFile = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a slice");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause().getMessage(), e.getCause());
        }
        current = Gzip.decompressIfGzip(Files.newInputStream(currentFile));
        // A slice is taken off the queue: the next one may start downloading.
        fetchAhead();
        return true;
    }

    private void fetchAhead() {
        while (!closed && nextToFetch < keys.size() && ahead.size() < parallelism) {
            String key = keys.get(nextToFetch++);
            ahead.add(executor.submit(() -> download(key)));
        }
    }

    private Path download(String key) throws IOException {
        Path file = Files.createTempFile("keboola-slice-", ".part");
        boolean kept = false;
        try (InputStream in = new ResumingInputStream(store, key, http); OutputStream out = Files.newOutputStream(file)) {
            in.transferTo(out);
            kept = !closed;
            return file;
        } finally {
            if (!kept) {
                Files.deleteIfExists(file);
            }
        }
    }

    private void closeCurrent() throws IOException {
        if (current != null) {
            current.close();
            current = null;
        }
        if (currentFile != null) {
            Files.deleteIfExists(currentFile);
            currentFile = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        closeCurrent();
        for (Future<Path> future : ahead) {
            if (!future.cancel(true)) {
                discard(future);
            }
        }
        ahead.clear();
    }

    /** Deletes the file of a download that finished before it could be cancelled. */
    private static void discard(Future<Path> future) {
        try {
            Files.deleteIfExists(future.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | CancellationException | IOException | UncheckedIOException e) {
            LOG.trace("slice download ended without a file to delete", e);
        }
    }
}
