package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CSV of an import, checked as it streams to the file storage, so that input Storage would refuse (or load
 * wrongly) fails with the row and what is wrong instead of a failed job after the upload, and never loads part of a
 * table. {@link #open} reads the first record before anything is sent: an empty body, a header with an empty,
 * duplicate or invalid column name fail there, before {@code files/prepare}. Every later record is checked while it
 * streams (same number of values as the header, UTF-8, closed quotes); a failure there aborts the upload before any
 * import job starts. A UTF-8 byte order mark is dropped (Storage would take it as part of the first column's name).
 * Checks run on the bytes in one pass, without holding a row: a 100 MB value streams like any other.
 */
final class CheckedCsv extends InputStream {

    /** Keboola column names: alphanumeric, dash and underscore, not starting or ending with either, at most 64. */
    static final Pattern COLUMN_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?");
    private static final int MAX_HEADER_BYTES = 8 * 1024 * 1024;
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;

    private final InputStream in;
    private final int delimiter;
    private final int enclosure;
    private final String tableId;
    private byte[] replay;
    private int replayPosition;
    private int state = FIELD_START;
    private boolean afterCr;
    private boolean recordHasBytes;
    private long fieldsInRecord;
    private long record;
    private long expectedValues = -1;
    private long offset;
    private int utf8Pending;
    private boolean ended;

    private CheckedCsv(InputStream in, char delimiter, char enclosure, String tableId) {
        this.in = in;
        this.delimiter = delimiter;
        this.enclosure = enclosure;
        this.tableId = tableId;
    }

    /**
     * Reads and checks the first record of {@code csv}: the header row, or with {@code withoutHeaders} the first row.
     *
     * @param expectedValues how many values each row has when known up front (the columns of a headerless CSV), else -1
     */
    static CheckedCsv open(InputStream csv, char delimiter, char enclosure, boolean withoutHeaders, int expectedValues,
                           String tableId) throws IOException {
        return open(csv, delimiter, enclosure, withoutHeaders, expectedValues, tableId, false);
    }

    /** {@code emptyAllowed}: an empty body passes (a slice of a sliced file may have no rows). */
    static CheckedCsv open(InputStream csv, char delimiter, char enclosure, boolean withoutHeaders, int expectedValues,
                           String tableId, boolean emptyAllowed) throws IOException {
        CheckedCsv checked = new CheckedCsv(csv, delimiter, enclosure, tableId);
        checked.expectedValues = expectedValues;
        checked.readFirstRecord(withoutHeaders, emptyAllowed);
        return checked;
    }

    private void readFirstRecord(boolean withoutHeaders, boolean emptyAllowed) throws IOException {
        // a UTF-8 byte order mark is dropped; other first bytes are the content
        int[] lead;
        int b0 = in.read();
        if (b0 == 0xEF) {
            int b1 = in.read();
            if (b1 == 0xBB) {
                int b2 = in.read();
                lead = b2 == 0xBF ? new int[0] : new int[] {b0, b1, b2};
            } else {
                lead = new int[] {b0, b1};
            }
        } else {
            lead = new int[] {b0};
        }
        ByteArrayOutputStream first = new ByteArrayOutputStream();
        int next = 0;
        while (record == 0) {
            int b = next < lead.length ? lead[next++] : in.read();
            if (b < 0) {
                if (first.size() == 0 && !emptyAllowed) {
                    throw invalid("importTable got an empty body: no header row and no rows", "emptyFile");
                }
                finish();
                break;
            }
            scan(first, b);
            if (first.size() > MAX_HEADER_BYTES) {
                throw invalid("The first row of the CSV is longer than " + MAX_HEADER_BYTES + " bytes", "invalidCsv");
            }
        }
        replay = first.toByteArray();
        if (!withoutHeaders) {
            checkHeader(new String(replay, StandardCharsets.UTF_8));
        }
    }

    /** Feeds one byte through the checks and into {@code out}. */
    private void scan(ByteArrayOutputStream out, int b) {
        check(b);
        out.write(b);
    }

    private void checkHeader(String headerLine) throws IOException {
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter((char) delimiter).setQuote((char) enclosure).get();
        List<String> names;
        try (CSVParser parser = CSVParser.parse(new StringReader(headerLine), format)) {
            List<CSVRecord> records = parser.getRecords();
            names = records.isEmpty() ? List.of() : records.get(0).toList();
        }
        if (names.isEmpty() || names.size() == 1 && names.get(0).isEmpty()) {
            throw invalid("The header row of the CSV is empty", "storage.tables.validation.invalidColumnName");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name.isEmpty()) {
                throw invalid("Column " + (i + 1) + " of the header row has no name", "storage.tables.validation.invalidColumnName");
            }
            if (!COLUMN_NAME.matcher(name).matches()) {
                throw invalid("Invalid column name \"" + abbreviate(name) + "\" (column " + (i + 1) + " of the header row): only"
                        + " alphanumeric characters, dash and underscore, not first or last, at most 64",
                        "storage.tables.validation.invalidColumnName");
            }
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                throw invalid("Duplicate column \"" + name + "\" in the header row (column names are not case-sensitive)",
                        "storage.tables.validation.duplicateColumn");
            }
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int off, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (replay != null) {
            int n = Math.min(length, replay.length - replayPosition);
            System.arraycopy(replay, replayPosition, buffer, off, n);
            replayPosition += n;
            if (replayPosition == replay.length) {
                replay = null;
            }
            if (n > 0) {
                return n;
            }
        }
        if (ended) {
            return -1;
        }
        int n = in.read(buffer, off, length);
        if (n < 0) {
            finish();
            return -1;
        }
        for (int i = off; i < off + n; i++) {
            check(buffer[i] & 0xff);
        }
        return n;
    }

    private void check(int b) {
        offset++;
        utf8(b);
        if (afterCr) {
            afterCr = false;
            if (b == '\n') {
                return;
            }
        }
        switch (state) {
            case QUOTED -> {
                if (b == enclosure) {
                    state = QUOTE_IN_QUOTED;
                }
            }
            case QUOTE_IN_QUOTED -> {
                if (b == enclosure) {
                    state = QUOTED;
                } else {
                    separatorOrText(b, true);
                }
            }
            case FIELD_START -> {
                if (b == enclosure) {
                    state = QUOTED;
                    recordHasBytes = true;
                } else {
                    separatorOrText(b, false);
                }
            }
            default -> separatorOrText(b, false);
        }
    }

    private void separatorOrText(int b, boolean afterClosingQuote) {
        if (b == delimiter) {
            fieldsInRecord++;
            recordHasBytes = true;
            state = FIELD_START;
        } else if (b == '\n' || b == '\r') {
            afterCr = b == '\r';
            endRecord();
        } else if (afterClosingQuote) {
            throw invalid("Row " + (record + 1) + " has text after the closing quote of a value (at byte " + offset + ")", "invalidCsv");
        } else {
            recordHasBytes = true;
            state = UNQUOTED;
        }
    }

    private void endRecord() {
        state = FIELD_START;
        if (!recordHasBytes) {
            return; // a blank line: no record
        }
        long values = fieldsInRecord + 1;
        record++;
        fieldsInRecord = 0;
        recordHasBytes = false;
        if (expectedValues < 0) {
            expectedValues = values;
        } else if (values != expectedValues) {
            throw invalid("Row " + record + " of the CSV has " + values + " values, but the " + (record == 1 ? "columns are " : "header has ")
                    + expectedValues + (values > expectedValues ? "" : " (a row may not leave values out)"), "csvImport.columnsNotMatch");
        }
    }

    private void utf8(int b) {
        if (utf8Pending > 0) {
            if ((b & 0xC0) != 0x80) {
                throw notUtf8();
            }
            utf8Pending--;
        } else if (b >= 0x80) {
            if (b >= 0xC2 && b <= 0xDF) {
                utf8Pending = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                utf8Pending = 2;
            } else if (b >= 0xF0 && b <= 0xF4) {
                utf8Pending = 3;
            } else {
                throw notUtf8();
            }
        }
    }

    private KeboolaException notUtf8() {
        return invalid("Row " + (record + 1) + " of the CSV is not UTF-8 (byte " + offset + "); Storage loads UTF-8 only",
                "invalidCsv");
    }

    private void finish() {
        if (ended) {
            return;
        }
        ended = true;
        if (utf8Pending > 0) {
            throw notUtf8();
        }
        if (state == QUOTED) {
            throw invalid("Row " + (record + 1) + " of the CSV opens a quoted value that never closes", "invalidCsv");
        }
        endRecord();
    }

    private KeboolaException invalid(String message, String code) {
        return new KeboolaException(message, 0, code, null, tableId, null, null);
    }

    private static String abbreviate(String name) {
        return name.length() <= 80 ? name : name.substring(0, 80) + "...";
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
