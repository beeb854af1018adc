package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.export.CloseableIterator;
import io.github.camelkeboola.component.export.ExportedTable;
import org.apache.camel.util.IOHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The rows of one window's export, read on across polls. The export file stays open between them; if the storage
 * closed it meanwhile, it is opened again and the rows already read are skipped (an exported file does not change).
 */
final class ExportRows implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExportRows.class);

    private final ExportedTable export;
    private CloseableIterator<Map<String, String>> open;
    private long read;

    ExportRows(ExportedTable export) {
        this.export = export;
    }

    ExportedTable export() {
        return export;
    }

    /** The next row, or null at the end. */
    Map<String, String> next() {
        if (!hasNext()) {
            return null;
        }
        read++;
        return open.next();
    }

    boolean hasNext() {
        if (open == null) {
            open = openAt(read);
            return open.hasNext();
        }
        try {
            return open.hasNext();
        } catch (RuntimeException e) {
            LOG.debug("Reading the export of {} (file {}) failed; opening it again", export.tableId(), export.fileId(), e);
            close();
            open = openAt(read);
            return open.hasNext();
        }
    }

    private CloseableIterator<Map<String, String>> openAt(long skip) {
        CloseableIterator<Map<String, String>> rows = export.openRows();
        for (long i = 0; i < skip && rows.hasNext(); i++) {
            rows.next();
        }
        return rows;
    }

    @Override
    public void close() {
        if (open != null) {
            IOHelper.close(open);
            open = null;
        }
    }
}
