package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.Message;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.QuoteMode;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/** The CSV an import uploads, read from whatever the message body is, as a stream. */
final class CsvBody {

    private CsvBody() {
    }

    /** True when the body is rows ({@code Iterable}/{@code Iterator} of {@code Map}): the CSV is written with a header. */
    static boolean isRows(Object body) {
        return (body instanceof Iterable<?> || body instanceof Iterator<?>) && !(body instanceof Path);
    }

    /**
     * Opens the body as CSV: {@code InputStream}, {@code byte[]}, {@code String}, {@code File}, {@code Path}, anything
     * Camel converts to an {@code InputStream} (such as a {@code GenericFile}), or rows written as CSV on the fly.
     * With {@code headerRow}, that line is put before the content (a headerless CSV that creates a table). A body
     * is read from its start every time, or not at all ({@link BodyReplay}).
     */
    static InputStream open(Message message, List<String> columns, KeboolaConfiguration config, String tableId,
                            List<String> headerRow) throws IOException {
        return open(message, columns, config, tableId, headerRow, true);
    }

    /** A slice of a sliced file: a CSV body as it is (it has no header row), rows written without one. */
    static InputStream openSlice(Message message, List<String> columns, KeboolaConfiguration config, String tableId)
            throws IOException {
        return open(message, columns, config, tableId, null, false);
    }

    private static InputStream open(Message message, List<String> columns, KeboolaConfiguration config, String tableId,
                                    List<String> headerRow, boolean rowsHeader) throws IOException {
        Object body = message.getBody();
        if (body == null) {
            throw new KeboolaException("importTable needs a body: CSV (InputStream, byte[], String, File, Path) or rows"
                                       + " (an Iterable or Iterator of Map)", tableId, null);
        }
        BodyReplay.beforeRead(message, tableId);
        if (isRows(body)) {
            Iterator<?> rows = body instanceof Iterator<?> iterator ? iterator : ((Iterable<?>) body).iterator();
            return new RowsCsvInputStream(rows, columns, format(config), tableId, config.isMissingColumnsAsEmpty(), rowsHeader);
        }
        InputStream content;
        if (body instanceof Path path) {
            content = Files.newInputStream(path);
        } else if (body instanceof File file) {
            content = Files.newInputStream(file.toPath());
        } else {
            try {
                content = message.getMandatoryBody(InputStream.class);
            } catch (Exception e) {
                throw new KeboolaException("importTable cannot read a " + body.getClass().getName() + " body as CSV",
                        tableId, e instanceof NoTypeConversionAvailableException ? null : e);
            }
        }
        if (headerRow == null) {
            return content;
        }
        String header = format(config).format(headerRow.toArray()) + "\n";
        return new SequenceInputStream(new ByteArrayInputStream(header.getBytes(StandardCharsets.UTF_8)), content);
    }

    /** The CSV dialect of the import options: their delimiter and enclosure, LF line ends. */
    static CSVFormat format(KeboolaConfiguration config) {
        return CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter(config))
                .setQuote(enclosure(config))
                .setQuoteMode(QuoteMode.MINIMAL)
                .setRecordSeparator("\n")
                .get();
    }

    static String delimiter(KeboolaConfiguration config) {
        String delimiter = config.getDelimiter();
        if (delimiter == null || delimiter.isEmpty()) {
            return ",";
        }
        return "\\t".equals(delimiter) ? "\t" : delimiter;
    }

    static char enclosure(KeboolaConfiguration config) {
        String enclosure = config.getEnclosure();
        return enclosure == null || enclosure.isEmpty() ? '"' : enclosure.charAt(0);
    }
}
