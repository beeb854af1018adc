package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.FileConsumer;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upload that fails until the component's retries run out, then one Camel redelivery: whatever the body, the
 * table holds its old rows or exactly the new ones, never an empty or partial load. A body that can be read again
 * is uploaded again; one that cannot fails the redelivery with an error that says how to make it repeatable.
 */
class ImportBodyReplayTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static final String OLD = "id,name\n1,old\n2,old\n3,old\n";

    @TempDir
    Path tempDir;

    private final TableContent tables = new TableContent(KEBOOLA.emulator());

    enum Load {
        FULL("", "id,name\n4,new\n5,new\n", List.of("4,new", "5,new")),
        UPSERT("incremental=true", "id,name\n2,new\n4,new\n", List.of("1,old", "2,new", "3,old", "4,new"));

        final String options;
        final String csv;
        final List<String> expected;

        Load(String options, String csv, List<String> expected) {
            this.options = options;
            this.csv = csv;
            this.expected = expected;
        }
    }

    enum Body {
        INPUT_STREAM, ITERATOR, ITERABLE, FILE, BYTES, STRING, GENERIC_FILE;

        Object of(String csv, Path dir) throws IOException {
            Path file = Files.writeString(dir.resolve("new-" + name() + ".csv"), csv);
            return switch (this) {
                case INPUT_STREAM -> Files.newInputStream(file);
                case ITERATOR -> rows(csv).iterator();
                case ITERABLE -> rows(csv);
                case FILE -> file.toFile();
                case BYTES -> csv.getBytes(StandardCharsets.UTF_8);
                case STRING -> csv;
                case GENERIC_FILE -> FileConsumer.asGenericFile(dir.toString(), file.toFile(), "UTF-8", false);
            };
        }

        /** Whether the redelivery can read it from the start again. */
        boolean repeatable(boolean streamCaching) {
            return switch (this) {
                case INPUT_STREAM -> streamCaching;
                case ITERATOR -> false;
                default -> true;
            };
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Load load : Load.values()) {
            for (boolean streamCaching : new boolean[] {true, false}) {
                for (Body body : Body.values()) {
                    cases.add(Arguments.of(load, streamCaching, body));
                }
            }
        }
        return cases.stream();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeboolaComponent keboola = EmulatorComponents.pointedAt(KEBOOLA.emulator());
        keboola.getConfiguration().setMaxRetries(1);
        context.addComponent("keboola", keboola);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:import").toD("keboola:${header.table}?${header.options}");
                from("direct:cached")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .streamCache("true")
                        .toD("keboola:${header.table}?${header.options}");
                from("direct:uncached")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .noStreamCaching()
                        .toD("keboola:${header.table}?${header.options}");
            }
        };
    }

    @AfterEach
    void clearFaults() {
        KEBOOLA.emulator().faults().clear();
    }

    private Exchange send(String route, String tableId, String options, Object body) {
        return DynamicRoutes.send(template, route, tableId, options, body);
    }

    @ParameterizedTest(name = "{0} load, stream caching {1}, {2} body")
    @MethodSource("cases")
    void failedUploadThenRedeliveryLoadsTheNewRowsOnceOrKeepsTheOldOnes(Load load, boolean streamCaching, Body body)
            throws Exception {
        String tableId = "in.c-replay." + (load + "_" + streamCaching + "_" + body).toLowerCase();
        assertThat(send("direct:import", tableId, "primaryKey=id", OLD).getException()).isNull();
        // every try of the upload fails (the component's 1 retry included): the first delivery fails
        FaultInjector.Rule upload = KEBOOLA.emulator().faults().inject(FaultTarget.FILE_STORAGE, "PUT", ".*",
                Fault.status(500), 2);

        Exchange exchange = send(streamCaching ? "direct:cached" : "direct:uncached", tableId, load.options,
                body.of(load.csv, tempDir));

        assertThat(upload.hits()).isEqualTo(2);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(1);
        if (body.repeatable(streamCaching)) {
            assertThat(exchange.getException()).isNull();
            assertThat(tables.rows(tableId)).containsExactlyInAnyOrderElementsOf(load.expected);
        } else {
            assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
                assertThat(e.getTableId()).isEqualTo(tableId);
                assertThat(e.getMessage()).contains("cannot be read again", "stream caching", "File");
            });
            assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,old", "2,old", "3,old");
        }
    }

    private static List<Map<String, Object>> rows(String csv) {
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> lines = csv.lines().toList();
        String[] columns = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] values = line.split(",");
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 0; i < columns.length; i++) {
                row.put(columns[i], values[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
