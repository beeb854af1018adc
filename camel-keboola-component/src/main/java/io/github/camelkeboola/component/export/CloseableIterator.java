package io.github.camelkeboola.component.export;

import java.io.Closeable;
import java.util.Iterator;

/** An iterator over a stream that must be closed when the caller stops early (it holds a download open). */
public interface CloseableIterator<T> extends Iterator<T>, Closeable {

    @Override
    void close();
}
