package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.export.CloseableIterator;

import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;

/**
 * The {@code outputType=rows} body of an export. Closed when the exchange completes, which releases its download
 * (slices fetched ahead into temporary files, their connections) even when the route failed before reading it to the
 * end. Read after that (a {@code ProducerTemplate} caller, a mock endpoint's received exchange), it downloads the
 * file again and skips the rows already delivered: an export's file and its slice order do not change, so the rows
 * go on where they stopped.
 */
final class ReleasableRows implements CloseableIterator<Map<String, String>> {

    private final Supplier<CloseableIterator<Map<String, String>>> download;
    private CloseableIterator<Map<String, String>> current;
    private long delivered;
    private boolean exhausted;

    /**
     * @param first    the rows, already opened (so a storage failure fails the step that produced them)
     * @param download opens the same rows again from the first one
     */
    ReleasableRows(CloseableIterator<Map<String, String>> first, Supplier<CloseableIterator<Map<String, String>>> download) {
        this.current = first;
        this.download = download;
    }

    @Override
    public synchronized boolean hasNext() {
        if (exhausted) {
            return false;
        }
        if (!open().hasNext()) {
            exhausted = true;
            close();
            return false;
        }
        return true;
    }

    @Override
    public synchronized Map<String, String> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Map<String, String> row = current.next();
        delivered++;
        return row;
    }

    private CloseableIterator<Map<String, String>> open() {
        if (current == null) {
            current = download.get();
            for (long skipped = 0; skipped < delivered && current.hasNext(); skipped++) {
                current.next();
            }
        }
        return current;
    }

    /** Releases the download; a later read starts a new one where this one stopped. */
    @Override
    public synchronized void close() {
        CloseableIterator<Map<String, String>> open = current;
        current = null;
        if (open != null) {
            open.close();
        }
    }
}
