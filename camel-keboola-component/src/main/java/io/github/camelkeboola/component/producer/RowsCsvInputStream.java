package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CSV (header row first, unless a slice of a sliced file is written) of {@code Map} rows, written as the reader asks for bytes: only the rows of one small chunk
 * are held, so an iterator over millions of rows streams without buffering the table. The columns are the given
 * ones, else the keys of the first row. Keys are matched by their text ({@code 1} and {@code "1"} name the same
 * column). A row with a key outside the columns fails rather than silently losing the value; so does a row without
 * one of the columns, unless {@code missingAsEmpty} (an empty value would overwrite a stored one on an upsert).
 */
final class RowsCsvInputStream extends InputStream {

    private static final int CHUNK_CHARS = 64 * 1024;

    private final Iterator<?> rows;
    private final CSVFormat format;
    private final String tableId;
    private final boolean missingAsEmpty;
    private final boolean headerRow;
    private List<String> columns;
    private Set<String> columnSet;
    private long rowNumber;
    private byte[] chunk = new byte[0];
    private int position;
    private boolean headerWritten;

    RowsCsvInputStream(Iterator<?> rows, List<String> columns, CSVFormat format, String tableId, boolean missingAsEmpty) {
        this(rows, columns, format, tableId, missingAsEmpty, true);
    }

    /** {@code headerRow} false: rows only, in the order of {@code columns} (a slice; the import names the columns). */
    RowsCsvInputStream(Iterator<?> rows, List<String> columns, CSVFormat format, String tableId, boolean missingAsEmpty,
                       boolean headerRow) {
        this.headerRow = headerRow;
        this.rows = rows;
        this.missingAsEmpty = missingAsEmpty;
        this.columns = columns == null || columns.isEmpty() ? null : List.copyOf(columns);
        this.format = format;
        this.tableId = tableId;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return chunk[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(length, chunk.length - position);
        System.arraycopy(chunk, position, buffer, offset, n);
        position += n;
        return n;
    }

    private boolean fill() throws IOException {
        while (position >= chunk.length) {
            if (headerWritten && !rows.hasNext()) {
                return false;
            }
            StringBuilder text = new StringBuilder();
            try (CSVPrinter printer = new CSVPrinter(text, format)) {
                while (text.length() < CHUNK_CHARS && (!headerWritten || rows.hasNext())) {
                    if (!headerWritten) {
                        Map<?, ?> first = rows.hasNext() ? nextRow() : null;
                        if (columns == null) {
                            columns = first == null ? List.of() : keysOf(first);
                        }
                        if (columns.isEmpty()) {
                            throw new KeboolaException("importTable got no rows and no columns: nothing to import", tableId, null);
                        }
                        columnSet = new HashSet<>(columns);
                        if (headerRow) {
                            printer.printRecord(columns);
                        }
                        headerWritten = true;
                        if (first != null) {
                            printRow(printer, first);
                        }
                    } else {
                        printRow(printer, nextRow());
                    }
                }
            }
            chunk = text.toString().getBytes(StandardCharsets.UTF_8);
            position = 0;
        }
        return true;
    }

    private Map<?, ?> nextRow() {
        Object row = rows.next();
        rowNumber++;
        if (!(row instanceof Map<?, ?> map)) {
            throw new KeboolaException("importTable rows must be Maps of column to value; row " + rowNumber + " is a "
                                       + (row == null ? "null" : row.getClass().getName()), tableId, null);
        }
        return map;
    }

    private void printRow(CSVPrinter printer, Map<?, ?> row) throws IOException {
        Map<String, Object> byName = new HashMap<>(row.size() * 2);
        for (Map.Entry<?, ?> entry : row.entrySet()) {
            String name = String.valueOf(entry.getKey());
            if (!columnSet.contains(name)) {
                throw new KeboolaException("Row " + rowNumber + " has the column '" + name + "' which is not among the columns "
                                           + abbreviate(columns), tableId, null);
            }
            if (byName.containsKey(name)) {
                throw new KeboolaException("Row " + rowNumber + " has two keys for the column '" + name + "'", tableId, null);
            }
            byName.put(name, entry.getValue());
        }
        List<Object> values = new ArrayList<>(columns.size());
        for (String column : columns) {
            if (!byName.containsKey(column) && !missingAsEmpty) {
                throw new KeboolaException("Row " + rowNumber + " has no value for the column '" + column + "' (set"
                                           + " missingColumnsAsEmpty=true to write an empty value)", tableId, null);
            }
            Object value = byName.get(column);
            values.add(value == null ? "" : value);
        }
        printer.printRecord(values);
    }

    private static String abbreviate(List<String> columns) {
        return columns.size() <= 20 ? columns.toString() : columns.subList(0, 20) + " and " + (columns.size() - 20) + " more";
    }

    private static List<String> keysOf(Map<?, ?> row) {
        List<String> keys = new ArrayList<>();
        row.keySet().forEach(key -> keys.add(String.valueOf(key)));
        return keys;
    }

    @Override
    public void close() throws IOException {
        if (rows instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (IOException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IOException(e);
            }
        }
    }
}
