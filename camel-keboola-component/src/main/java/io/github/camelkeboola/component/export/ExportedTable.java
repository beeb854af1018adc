package io.github.camelkeboola.component.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.transfer.FileTransfer;
import io.github.camelkeboola.component.wire.JsonValues;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A finished table export: its job, its file, and the columns of its rows. The content is read from the file
 * storage each time it is opened, streamed, never held whole.
 */
public final class ExportedTable {

    private final String tableId;
    private final long jobId;
    private final long fileId;
    private final List<String> columns;
    private final boolean cacheHit;
    private final JsonNode file;
    private final FileTransfer transfer;
    /** The file's detail fetched again, for new credentials when the file storage refuses those of {@link #file}. */
    private final Supplier<JsonNode> freshFile;
    /** The one slice read, by its manifest entry; null to read the whole file. */
    private final String sliceUrl;

    ExportedTable(String tableId, long jobId, long fileId, List<String> columns, boolean cacheHit, JsonNode file, FileTransfer transfer,
                  Supplier<JsonNode> freshFile) {
        this(tableId, jobId, fileId, columns, cacheHit, file, transfer, freshFile, null);
    }

    ExportedTable(String tableId, long jobId, long fileId, List<String> columns, boolean cacheHit, JsonNode file, FileTransfer transfer,
                  Supplier<JsonNode> freshFile, String sliceUrl) {
        this.freshFile = freshFile;
        this.sliceUrl = sliceUrl;
        this.tableId = tableId;
        this.jobId = jobId;
        this.fileId = fileId;
        this.columns = List.copyOf(columns);
        this.cacheHit = cacheHit;
        this.file = file;
        this.transfer = transfer;
    }

    public String tableId() {
        return tableId;
    }

    public long jobId() {
        return jobId;
    }

    public long fileId() {
        return fileId;
    }

    /** The columns heading the slices, in order: those requested, else the table's; empty for a whole file with its own header. */
    public List<String> columns() {
        return columns;
    }

    /** Whether Storage answered from its export cache (same export of unchanged data). */
    public boolean cacheHit() {
        return cacheHit;
    }

    /** The file detail (with its storage credentials: keep it out of logs). */
    public JsonNode file() {
        return file;
    }

    /**
     * The slices of the file, one {@link TableSlice} each, in manifest order; a file that is not sliced is one
     * "slice" without a url, read whole. Reads the manifest (not the slices).
     */
    public List<TableSlice> slices() {
        String compression = "gzip"; // TableExport always asks for gzip slices
        if (!sliced()) {
            return List.of(new TableSlice(tableId, fileId, 0, 1, null, columns, compression));
        }
        List<String> urls = transfer.sliceUrls(file);
        List<TableSlice> slices = new java.util.ArrayList<>(urls.size());
        for (int i = 0; i < urls.size(); i++) {
            slices.add(new TableSlice(tableId, fileId, i, urls.size(), urls.get(i), columns, compression));
        }
        return slices;
    }

    private InputStream openContent() {
        return sliceUrl == null ? transfer.openContent(file, freshFile) : transfer.openSlice(file, sliceUrl, freshFile);
    }

    /**
     * The rows as RFC-4180 CSV with a header row. Slices have none, so the header is written first, every name
     * quoted like the API quotes values; a non-sliced file is returned as stored (it has its own header).
     */
    public InputStream openCsv() {
        InputStream content = openContent();
        if (!sliced()) {
            return content;
        }
        return new SequenceInputStream(new ByteArrayInputStream(headerLine(columns).getBytes(StandardCharsets.UTF_8)), content);
    }

    /** The rows one by one as column name to value, parsed as they download. Close it when stopping early. */
    public CloseableIterator<Map<String, String>> openRows() {
        InputStream content = openContent();
        CSVFormat.Builder format = CSVFormat.RFC4180.builder();
        // Slices carry no header: the columns are known. A non-sliced file has its own header row.
        format = sliced() ? format.setHeader(columns.toArray(String[]::new)) : format.setHeader().setSkipHeaderRecord(true);
        try {
            CSVParser parser = CSVParser.builder().setReader(new InputStreamReader(content, StandardCharsets.UTF_8))
                    .setFormat(format.get()).get();
            return new RowIterator(parser);
        } catch (IOException | RuntimeException e) {
            closeQuietly(content);
            throw new KeboolaException("Reading the export of " + tableId + " (file " + fileId + ") failed: " + e.getMessage(), tableId, e);
        }
    }

    /** {@code "a","b"} and a newline: every name quoted, quotes doubled. */
    static String headerLine(List<String> columns) {
        return columns.stream().map(c -> '"' + c.replace("\"", "\"\"") + '"').collect(Collectors.joining(",")) + "\n";
    }

    private boolean sliced() {
        return JsonValues.isTrue(file.path("isSliced"));
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // the original failure matters
        }
    }

    private final class RowIterator implements CloseableIterator<Map<String, String>> {
        private final CSVParser parser;
        private final Iterator<CSVRecord> records;

        RowIterator(CSVParser parser) {
            this.parser = parser;
            this.records = parser.iterator();
        }

        @Override
        public boolean hasNext() {
            try {
                return records.hasNext();
            } catch (UncheckedIOException | IllegalStateException e) {
                throw failure(e);
            }
        }

        @Override
        public Map<String, String> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            CSVRecord record = records.next();
            List<String> names = parser.getHeaderNames();
            if (record.size() != names.size()) {
                throw new KeboolaException("Row " + record.getRecordNumber() + " of the export of " + tableId + " (file " + fileId
                        + ") has " + record.size() + " values for " + names.size() + " columns", tableId, null);
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                row.put(names.get(i), record.get(i));
            }
            return row;
        }

        private KeboolaException failure(RuntimeException e) {
            if (e.getCause() instanceof KeboolaException k) {
                return k;
            }
            return new KeboolaException("Reading the export of " + tableId + " (file " + fileId + ") failed: " + e.getMessage(), tableId, e);
        }

        @Override
        public void close() {
            try {
                parser.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
