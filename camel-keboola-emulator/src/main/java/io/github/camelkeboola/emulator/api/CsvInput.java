package io.github.camelkeboola.emulator.api;

import io.github.camelkeboola.emulator.jobs.JobFailedException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.zip.GZIPInputStream;

/**
 * CSV content to load: one or more parts (the slices of a sliced file), each plain or gzip (detected by
 * its magic bytes), read lazily record by record. The header, when the file has one, is the first
 * record of the first part.
 */
final class CsvInput implements AutoCloseable {

    /** Opens one part of the content. */
    @FunctionalInterface
    interface Part {
        InputStream open() throws IOException;
    }

    /** How the CSV is written, from the request's {@code delimiter}, {@code enclosure}, {@code escapedBy}. */
    record Dialect(char delimiter, Character enclosure, Character escape) {

        static Dialect of(Params p) {
            String delimiter = p.string("delimiter", ",");
            if ("\\t".equals(delimiter)) {
                delimiter = "\t";
            }
            if (delimiter.length() != 1) {
                throw ApiException.validation("invalidCsv", "Invalid delimiter \"" + delimiter
                        + "\": the delimiter must be a single character.");
            }
            String enclosure = p.has("enclosure") ? p.string("enclosure") : "\"";
            String escape = p.string("escapedBy", "");
            if (enclosure.length() > 1 || escape.length() > 1) {
                throw ApiException.validation("invalidCsv", "Enclosure and escapedBy must be at most one character.");
            }
            if (!enclosure.isEmpty() && !escape.isEmpty() && p.has("enclosure")) {
                throw ApiException.validation("invalidCsv", "Either enclosure or escapedBy can be set, not both.");
            }
            if (!escape.isEmpty()) {
                enclosure = "";
            }
            return new Dialect(delimiter.charAt(0), enclosure.isEmpty() ? null : enclosure.charAt(0),
                    escape.isEmpty() ? null : escape.charAt(0));
        }

        CSVFormat format() {
            return CSVFormat.RFC4180.builder()
                    .setDelimiter(delimiter)
                    .setQuote(enclosure)
                    .setEscape(escape)
                    .setIgnoreEmptyLines(true)
                    .build();
        }
    }

    private final List<Part> parts;
    private final Dialect dialect;
    private int nextPart;
    private CSVParser parser;
    private Iterator<CSVRecord> records;
    private long bytes;

    CsvInput(List<Part> parts, Dialect dialect) {
        this.parts = parts;
        this.dialect = dialect;
    }

    Dialect dialect() {
        return dialect;
    }

    /** The next record, or {@code null} at the end of the last part. */
    String[] next() throws IOException {
        while (records == null || !records.hasNext()) {
            if (parser != null) {
                parser.close();
                parser = null;
                records = null;
            }
            if (nextPart == parts.size()) {
                return null;
            }
            parser = dialect.format().parse(reader(parts.get(nextPart++).open()));
            records = parser.iterator();
        }
        try {
            CSVRecord record = records.next();
            String[] values = record.values();
            for (String v : values) {
                bytes += v.length() + 1;
            }
            return values;
        } catch (UncheckedIOException | IllegalStateException | NoSuchElementException e) {
            throw new JobFailedException("invalidCsv", "Cannot parse the CSV file: " + e.getMessage());
        }
    }

    /** Approximate size of the data read so far. */
    long bytes() {
        return bytes;
    }

    private static Reader reader(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
        in.mark(2);
        int b1 = in.read();
        int b2 = in.read();
        in.reset();
        InputStream content = b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
        return new InputStreamReader(content, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        if (parser != null) {
            parser.close();
        }
    }
}
