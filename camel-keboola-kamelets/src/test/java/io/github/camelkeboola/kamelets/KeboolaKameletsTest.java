package io.github.camelkeboola.kamelets;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kamelets as a user runs them: camel-kamelet finds them on the classpath (this module's jar, {@code kamelets/}),
 * camel-yaml-dsl loads the routes of {@code routes/keboola-kamelets.camel.yaml}, and the data goes to the emulator.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeboolaKameletsTest {

    private static final long WAIT_MILLIS = 60_000;

    @TempDir
    static Path dir;

    private static KeboolaEmulator emulator;
    private static CamelContext camel;
    private static ProducerTemplate template;
    private static Path cursorFile;

    @BeforeAll
    static void start() throws Exception {
        emulator = KeboolaEmulator.builder().start();
        cursorFile = dir.resolve("customers.cursor");
        camel = new DefaultCamelContext();
        Properties properties = new Properties();
        properties.setProperty("keboola.url", emulator.baseUrl());
        properties.setProperty("keboola.token", emulator.token());
        properties.setProperty("cursor.file", cursorFile.toString());
        camel.getPropertiesComponent().setInitialProperties(properties);
        PluginHelper.getRoutesLoader(camel).loadRoutes(
                PluginHelper.getResourceLoader(camel).resolveResource("classpath:routes/keboola-kamelets.camel.yaml"));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterAll
    static void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    @Order(2)
    void theSinkLoadsCsvIntoATable() {
        // an operation header from upstream does not make the sink do anything but import
        Exchange loaded = template.request("direct:load-orders", e -> {
            e.getIn().setBody("id,item\n1,apples\n2,pears\n");
            e.getIn().setHeader("CamelKeboolaOperation", "deleteTable");
        });

        assertThat(loaded.getException()).isNull();
        assertThat(loaded.getMessage().getBody(Map.class)).containsEntry("totalRowsCount", 2L);
        String preview = template.requestBody("keboola:in.c-kamelets.orders?operation=previewTable&stackUrl="
                                              + emulator.baseUrl() + "&token=" + emulator.token(), null, String.class);
        assertThat(preview.lines()).containsExactly("\"id\",\"item\"", "\"1\",\"apples\"", "\"2\",\"pears\"");
    }

    // first: the source polls from the start, and until the table exists each poll fails (a WARN) and is retried
    @Test
    @Order(1)
    void theSourceDeliversEachChangedRowAsJsonAndKeepsItsCursorInTheFile() throws Exception {
        MockEndpoint changes = camel.getEndpoint("mock:customer-changes", MockEndpoint.class);
        changes.setResultWaitTime(WAIT_MILLIS);
        changes.expectedMessageCount(2);
        upsertCustomers("id,name\n1,Ann\n2,Bob\n");

        changes.assertIsSatisfied();
        assertThat(bodies(changes)).containsExactlyInAnyOrder("{\"id\":\"1\",\"name\":\"Ann\"}", "{\"id\":\"2\",\"name\":\"Bob\"}");
        assertThat(changes.getReceivedExchanges().get(0).getIn().getHeader("Content-Type")).isEqualTo("application/json");

        // an upsert changes one row and adds one: only those two are delivered
        changes.reset();
        changes.setResultWaitTime(WAIT_MILLIS);
        changes.expectedMessageCount(2);
        upsertCustomers("id,name\n2,Bobby\n3,Cyril\n");

        changes.assertIsSatisfied();
        assertThat(bodies(changes)).containsExactlyInAnyOrder("{\"id\":\"2\",\"name\":\"Bobby\"}", "{\"id\":\"3\",\"name\":\"Cyril\"}");
        assertThat(changes.getReceivedExchanges().get(0).getIn().getHeader("CamelKeboolaChangeKey", String.class))
                .startsWith("in.c-kamelets.customers:");
        // the cursor is in the file under the table id
        assertThat(Files.readString(cursorFile)).contains("in.c-kamelets.customers=");
    }

    private static void upsertCustomers(String csv) {
        Exchange upserted = template.request("direct:upsert-customers", e -> e.getIn().setBody(csv));
        assertThat(upserted.getException()).isNull();
    }

    private static List<String> bodies(MockEndpoint mock) {
        return mock.getReceivedExchanges().stream().map(e -> e.getIn().getBody(String.class)).toList();
    }
}
