package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.ManualClock;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the headers of one {@code keboola:} step do to the next one, through routes against the emulator: the headers
 * the component writes are outputs only, and an override header steers one step and is gone after it.
 */
class KeboolaHeadersTest extends CamelTestSupport {

    private static final ManualClock CLOCK = new ManualClock(Instant.parse("2026-02-01T08:00:00Z"));
    private static KeboolaEmulator emulator;

    @BeforeAll
    static void startEmulator() {
        emulator = KeboolaEmulator.builder().clock(CLOCK).start();
    }

    @AfterAll
    static void stopEmulator() {
        emulator.close();
    }

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(emulator.baseUrl());
        keboola.getConfiguration().setToken(emulator.token());
        keboola.getConfiguration().setRetryInitialDelay(20);
        keboola.getConfiguration().setJobPollMaxInterval(200);
        context.addComponent("keboola", keboola);
        return context;
    }

    private Exchange load(String tableId, String csv) {
        Exchange exchange = template.request("keboola:" + tableId, e -> e.getIn().setBody(csv));
        assertThat(exchange.getException()).isNull();
        return exchange;
    }

    private List<String> rowsOf(String tableId) {
        return dataLines(template.requestBody("keboola:" + tableId + "?operation=exportTable", null, String.class));
    }

    private static List<String> dataLines(String csv) {
        List<String> lines = Arrays.asList(csv.split("\n"));
        return lines.subList(1, lines.size()).stream().sorted().toList();
    }

    private static String body(MockEndpoint mock) {
        return mock.getReceivedExchanges().get(0).getIn().getBody(String.class);
    }

    @Test
    void exportOfOneTableThenImportLoadsTheImportsTable() throws Exception {
        load("in.c-headers.copy_source", "id,name\n1,alpha\n2,beta\n");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:copy").to("keboola:in.c-headers.copy_source?operation=exportTable")
                        .to("keboola:in.c-headers.copy_target");
            }
        });

        Exchange copied = template.request("direct:copy", e -> { });

        assertThat(copied.getException()).isNull();
        assertThat(copied.getMessage().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo("in.c-headers.copy_target");
        assertThat(copied.getMessage().getBody(Map.class).get("tableCreated")).isEqualTo(true);
        assertThat(rowsOf("in.c-headers.copy_target")).containsExactly("\"1\",\"alpha\"", "\"2\",\"beta\"");
    }

    @Test
    void consumersWindowDoesNotNarrowAnExportOrPreviewOfAnotherTable() throws Exception {
        Instant start = CLOCK.instant();
        load("in.c-headers.reference", "code,label\nA,first\nB,second\n");   // stamped at start
        CLOCK.set(start.plus(Duration.ofHours(1)));
        load("in.c-headers.events", "id,code\n1,A\n");                        // stamped an hour later
        CLOCK.set(start.plus(Duration.ofHours(2)));
        Instant since = start.plus(Duration.ofMinutes(30));
        MockEndpoint exported = getMockEndpoint("mock:exported");
        MockEndpoint previewed = getMockEndpoint("mock:previewed");
        exported.expectedMinimumMessageCount(1);
        previewed.expectedMinimumMessageCount(1);

        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // the window from since (no upper bound) leaves out every row of the reference table
                from("keboola:in.c-headers.events?initialChangedSince=" + since + "&delay=100&initialDelay=0&stateKey=events")
                        .to("keboola:in.c-headers.reference?operation=exportTable").convertBodyTo(String.class)
                        .to("mock:exported")
                        .to("keboola:in.c-headers.reference?operation=previewTable")
                        .to("mock:previewed");
            }
        });

        MockEndpoint.assertIsSatisfied(60, TimeUnit.SECONDS, exported, previewed);
        Exchange delivered = exported.getReceivedExchanges().get(0);
        assertThat(delivered.getIn().getHeader(KeboolaConstants.CHANGED_SINCE)).isEqualTo(since.toString());
        assertThat(delivered.getIn().getHeaders()).doesNotContainKey("CamelKeboolaChangedUntil");
        assertThat(dataLines(body(exported))).containsExactly("\"A\",\"first\"", "\"B\",\"second\"");
        assertThat(dataLines(body(previewed))).containsExactly("\"A\",\"first\"", "\"B\",\"second\"");
    }

    @Test
    void overrideHeadersSteerOneStepAndAreGoneAfterIt() throws Exception {
        Instant start = CLOCK.instant();
        load("in.c-headers.path_table", "id\n1\n");                          // stamped at start
        CLOCK.set(start.plus(Duration.ofHours(1)));
        Exchange imported = load("in.c-headers.override_table", "id\n7\n8\n");  // stamped an hour later
        Long importJob = imported.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
        CLOCK.set(start.plus(Duration.ofHours(2)));
        MockEndpoint first = getMockEndpoint("mock:first");
        MockEndpoint second = getMockEndpoint("mock:second");
        first.expectedMessageCount(1);
        second.expectedMessageCount(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:twice").to("keboola:in.c-headers.path_table?operation=exportTable").convertBodyTo(String.class)
                        .to("mock:first")
                        .to("keboola:in.c-headers.path_table?operation=exportTable").convertBodyTo(String.class)
                        .to("mock:second");
            }
        });

        template.send("direct:twice", e -> {
            e.getIn().setHeader(KeboolaConstants.OVERRIDE_TABLE_ID, "in.c-headers.override_table");
            e.getIn().setHeader(KeboolaConstants.OVERRIDE_CHANGED_SINCE, start.plus(Duration.ofMinutes(30)));
        });

        MockEndpoint.assertIsSatisfied(first, second);
        Exchange afterFirst = first.getReceivedExchanges().get(0);
        assertThat(dataLines(body(first))).containsExactly("\"7\"", "\"8\"");
        assertThat(afterFirst.getIn().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo("in.c-headers.override_table");
        assertThat(afterFirst.getIn().getHeaders())
                .doesNotContainKeys(KeboolaConstants.OVERRIDE_TABLE_ID, KeboolaConstants.OVERRIDE_CHANGED_SINCE);
        // the second step reads its own path, without the first step's lower bound (it would leave out the row)
        assertThat(dataLines(body(second))).containsExactly("\"1\"");
        assertThat(second.getReceivedExchanges().get(0).getIn().getHeader(KeboolaConstants.TABLE_ID))
                .isEqualTo("in.c-headers.path_table");

        // the job a step ran is read by copying its output header into the override
        Exchange job = template.request("keboola:?operation=getJob",
                e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_JOB_ID, importJob));
        assertThat(job.getException()).isNull();
        assertThat(job.getMessage().getBody(Map.class).get("status")).isEqualTo("success");
        assertThat(job.getMessage().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo("in.c-headers.override_table");
        assertThat(job.getMessage().getHeaders()).doesNotContainKey(KeboolaConstants.OVERRIDE_JOB_ID);
    }

    @Test
    void overrideNarrowsTheStepItIsFor() {
        Instant start = CLOCK.instant();
        load("in.c-headers.window", "id\n1\n");
        CLOCK.set(start.plus(Duration.ofHours(1)));

        String before = template.requestBodyAndHeader("keboola:in.c-headers.window?operation=exportTable", null,
                KeboolaConstants.OVERRIDE_CHANGED_UNTIL, start.minusSeconds(60).toString(), String.class);
        String after = template.requestBodyAndHeader("keboola:in.c-headers.window?operation=previewTable", null,
                KeboolaConstants.OVERRIDE_CHANGED_SINCE, start.plusSeconds(60), String.class);
        String overlapping = template.requestBodyAndHeader("keboola:in.c-headers.window?operation=previewTable", null,
                KeboolaConstants.OVERRIDE_CHANGED_SINCE, start.getEpochSecond(), String.class);

        assertThat(dataLines(before)).isEmpty();
        assertThat(dataLines(after)).isEmpty();
        assertThat(dataLines(overlapping)).containsExactly("\"1\"");
    }

    @Test
    void failedStepKeepsItsOverrideForARedelivery() {
        Exchange failed = template.request("keboola:in.c-headers.path_table?operation=getTable",
                e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_TABLE_ID, "in.c-headers.missing"));

        assertThat(failed.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getHttpResponseCode()).isEqualTo(404);
            assertThat(e.getTableId()).isEqualTo("in.c-headers.missing");
        });
        assertThat(failed.getMessage().getHeader(KeboolaConstants.OVERRIDE_TABLE_ID)).isEqualTo("in.c-headers.missing");
    }
}
