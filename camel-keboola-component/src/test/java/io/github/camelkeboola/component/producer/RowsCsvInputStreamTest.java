package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowsCsvInputStreamTest {

    private final KeboolaConfiguration config = new KeboolaConfiguration();

    @Test
    void writesHeaderFromFirstRowAndQuotesWhatNeedsIt() throws Exception {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("id", 1);
        first.put("name", "Smith, \"Jr\"");
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("name", "line\nbreak");
        second.put("id", 2);

        assertThat(read(List.of(first, second).iterator(), List.of()))
                .isEqualTo("id,name\n1,\"Smith, \"\"Jr\"\"\"\n2,\"line\nbreak\"\n");
    }

    @Test
    void usesGivenColumnsAndTheConfiguredDelimiter() throws Exception {
        config.setDelimiter(";");
        // commons-csv quotes an empty first value
        assertThat(read(List.of(Map.of("a", "", "b", "x")).iterator(), List.of("a", "b"))).isEqualTo("a;b\n\"\";x\n");
    }

    @Test
    void aColumnMissingFromARowFailsNamingTheRowAndTheColumn() {
        Map<String, Object> second = Map.of("id", "2");
        assertThatThrownBy(() -> read(List.of(Map.of("id", "1", "name", "a"), second).iterator(), List.of()))
                .isInstanceOfSatisfying(KeboolaException.class, e -> {
                    assertThat(e.getMessage()).contains("Row 2", "column 'name'", "missingColumnsAsEmpty");
                    assertThat(e.getTableId()).isEqualTo("in.c-a.b");
                });
    }

    @Test
    void missingColumnsAreWrittenEmptyWhenTheOptionSaysSo() throws Exception {
        config.setMissingColumnsAsEmpty(true);
        assertThat(read(List.of(Map.of("id", "1", "name", "a"), Map.of("id", "2")).iterator(), List.of("id", "name")))
                .isEqualTo("id,name\n1,a\n2,\n");
    }

    @Test
    void keysThatAreNotStringsAreMatchedByTheirText() throws Exception {
        Map<Object, Object> row = new LinkedHashMap<>();
        row.put(1, "one");
        row.put(new StringBuilder("name"), "x");
        assertThat(read(List.of(row).iterator(), List.of("1", "name"))).isEqualTo("1,name\none,x\n");
        Map<Object, Object> twice = new LinkedHashMap<>();
        twice.put(1, "a");
        twice.put("1", "b");
        assertThatThrownBy(() -> read(List.of(twice).iterator(), List.of("1")))
                .isInstanceOf(KeboolaException.class).hasMessageContaining("two keys for the column '1'");
    }

    @Test
    void failsOnAColumnOutsideTheColumns() {
        assertThatThrownBy(() -> read(List.of(Map.of("a", "1"), Map.of("a", "2", "c", "3")).iterator(), List.of()))
                .isInstanceOf(KeboolaException.class).hasMessageContaining("Row 2 has the column 'c'");
    }

    @Test
    void streamsLazilyWithoutHoldingTheRows() throws Exception {
        long total = 2_000_000;
        AtomicLong produced = new AtomicLong();
        Iterator<Map<String, Object>> rows = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced.get() < total;
            }

            @Override
            public Map<String, Object> next() {
                long n = produced.incrementAndGet();
                return Map.of("id", n, "payload", "some text to make the row longer than a few bytes");
            }
        };
        try (InputStream in = new RowsCsvInputStream(rows, List.of("id", "payload"), CsvBody.format(config), "in.c-a.b", false)) {
            byte[] first = in.readNBytes(1000);
            assertThat(new String(first, StandardCharsets.UTF_8)).startsWith("id,payload\n1,some text");
            // only about one 64 KiB chunk of rows was produced, not the two million
            assertThat(produced.get()).isLessThan(5_000);
            long bytes = first.length + in.transferTo(OutputStreamCounter.INSTANCE);
            assertThat(produced.get()).isEqualTo(total);
            assertThat(bytes).isGreaterThan(total * 50);
        }
    }

    private String read(Iterator<?> rows, List<String> columns) throws Exception {
        try (InputStream in = new RowsCsvInputStream(rows, columns, CsvBody.format(config), "in.c-a.b", config.isMissingColumnsAsEmpty())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static final class OutputStreamCounter extends java.io.OutputStream {
        static final OutputStreamCounter INSTANCE = new OutputStreamCounter();

        @Override
        public void write(int b) {
        }

        @Override
        public void write(byte[] b, int off, int len) {
        }
    }
}
