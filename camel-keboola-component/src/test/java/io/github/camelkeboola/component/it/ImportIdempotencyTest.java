package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A gateway 5xx after the Storage API accepted a job-creating request, and a Camel redelivery after an import (or a
 * delete) was accepted: through routes against the emulator, the table holds the data exactly once (or is gone) and
 * one job did the work.
 */
class ImportIdempotencyTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private final TableContent tables = new TableContent(KEBOOLA.emulator());

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeboolaComponent keboola = EmulatorComponents.pointedAt(KEBOOLA.emulator());
        keboola.getConfiguration().setRetryMaxDelay(100);
        keboola.getConfiguration().setMaxRetries(2);
        context.addComponent("keboola", keboola);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:import").toD("keboola:${header.table}?${header.options}");
                from("direct:redelivered")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .noStreamCaching()
                        .toD("keboola:${header.table}?${header.options}");
                from("direct:redeliveredCached")
                        .errorHandler(defaultErrorHandler().maximumRedeliveries(1).redeliveryDelay(0))
                        .streamCache("true")
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

    private void imported(String tableId, String options, String csv) {
        assertThat(send("direct:import", tableId, options, csv).getException()).isNull();
    }

    private static String tableOf(TestInfo info) {
        return "in.c-idem." + info.getTestMethod().orElseThrow().getName().toLowerCase();
    }

    @Test
    void appendWithoutPrimaryKeyThrough504AfterAcceptAppliesOnce(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "", "id,name\n1,a\n2,b\n3,c\n");
        FaultInjector.Rule gateway = KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/import-async$",
                Fault.acceptThenStatus(504), 1);

        Exchange exchange = send("direct:import", tableId, "incremental=true", "id,name\n4,d\n5,e\n6,f\n");

        assertThat(exchange.getException()).isNull();
        assertThat(gateway.hits()).isEqualTo(1);
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,a", "2,b", "3,c", "4,d", "5,e", "6,f");
        assertThat(tables.jobs(tableId, "tableImport")).isEqualTo(1);
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class)).isPositive();
    }

    @Test
    void createThrough504AfterAcceptCreatesOnce(TestInfo info) {
        String tableId = tableOf(info);
        FaultInjector.Rule gateway = KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/tables-async$",
                Fault.acceptThenStatus(504), 1);

        Exchange exchange = send("direct:import", tableId, "primaryKey=id", "id,name\n1,a\n2,b\n");

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class).get("tableCreated")).isEqualTo(true);
        assertThat(gateway.hits()).isEqualTo(1);
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,a", "2,b");
        assertThat(tables.jobs(tableId, "tableCreate")).isEqualTo(1);
    }

    @Test
    void fullLoadThrough502AfterAcceptLoadsOnce(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "", "id,name\n1,old\n2,old\n");
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/import-async$", Fault.acceptThenStatus(502), 1);

        Exchange exchange = send("direct:import", tableId, "", "id,name\n7,new\n8,new\n");

        assertThat(exchange.getException()).isNull();
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("7,new", "8,new");
        assertThat(tables.jobs(tableId, "tableImport")).isEqualTo(1);
    }

    @Test
    void upsertThrough504AfterAcceptUpsertsOnce(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "primaryKey=id", "id,name\n1,a\n2,b\n");
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/import-async$", Fault.acceptThenStatus(504), 1);

        Exchange exchange = send("direct:import", tableId, "incremental=true", "id,name\n2,B\n3,c\n");

        assertThat(exchange.getException()).isNull();
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,a", "2,B", "3,c");
        assertThat(tables.jobs(tableId, "tableImport")).isEqualTo(1);
    }

    @Test
    void answerCutAfterTheImportWasAcceptedAppliesOnce(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "", "id,name\n1,a\n");
        FaultInjector.Rule cut = KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/import-async$",
                Fault.cutBody(5), 1);

        Exchange exchange = send("direct:import", tableId, "incremental=true", "id,name\n2,b\n");

        assertThat(exchange.getException()).isNull();
        assertThat(cut.hits()).isEqualTo(1);
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,a", "2,b");
        assertThat(tables.jobs(tableId, "tableImport")).isEqualTo(1);
    }

    @ParameterizedTest(name = "stream caching {0}")
    @ValueSource(booleans = {false, true})
    void redeliveryAfterTheJobWasAcceptedWaitsForThatJob(boolean streamCaching, TestInfo info) {
        String tableId = tableOf(info) + streamCaching;
        imported(tableId, "", "id,name\n1,a\n");
        // the polls of the accepted job fail until the component's retries (2) run out: the attempt fails
        FaultInjector.Rule polls = KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/jobs/[0-9]+$",
                Fault.status(500), 3);

        // uncached, a one-shot body: a second upload could only send what is left of it (nothing)
        Exchange exchange = send(streamCaching ? "direct:redeliveredCached" : "direct:redelivered", tableId, "incremental=true",
                new ByteArrayInputStream("id,name\n2,b\n3,c\n".getBytes(StandardCharsets.UTF_8)));

        assertThat(exchange.getException()).isNull();
        assertThat(polls.hits()).isEqualTo(3);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(1);
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,a", "2,b", "3,c");
        assertThat(tables.jobs(tableId, "tableImport")).isEqualTo(1);
        assertThat(exchange.getProperty(KeboolaConstants.IMPORT_ATTEMPT)).isNull();
    }

    @Test
    void redeliveryAfterAnUnclearAnswerFindsTheJobByItsRunId(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "", "id,name\n1,a\n");
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/import-async$", Fault.acceptThenStatus(504), 1);
        // and the jobs list that would tell whether it was accepted fails too, until the retries run out
        FaultInjector.Rule list = KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/jobs$", Fault.status(503), 3);

        Exchange exchange = send("direct:redelivered", tableId, "incremental=true", "id,name\n2,b\n");

        assertThat(exchange.getException()).isNull();
        assertThat(list.hits()).isEqualTo(3);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(1);
        assertThat(tables.rows(tableId)).containsExactlyInAnyOrder("1,a", "2,b");
        assertThat(tables.jobs(tableId, "tableImport")).isEqualTo(1);
    }

    @Test
    void jobOutlivingItsWaitSaysItsIdAndThatItMayStillComplete(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "", "id,name\n1,a\n");
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/jobs/[0-9]+$", Fault.status(500), 3);

        Exchange exchange = send("direct:import", tableId, "incremental=true", "id,name\n2,b\n");

        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaOutcomeUnknownException.class, e -> {
            assertThat(e.getJobId()).isPositive();
            assertThat(e.getMessage()).contains("job " + e.getJobId()).contains("may still complete");
        });
    }

    @Test
    void redeliveryOfADeleteAfterItsJobWasAcceptedWaitsForThatJob(TestInfo info) {
        String tableId = tableOf(info);
        imported(tableId, "", "id,name\n1,a\n");
        FaultInjector.Rule polls = KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/jobs/[0-9]+$",
                Fault.status(500), 3);

        Exchange exchange = send("direct:redelivered", tableId, "operation=deleteTable", null);

        assertThat(exchange.getException()).isNull();
        assertThat(polls.hits()).isEqualTo(3);
        assertThat(exchange.getIn().getHeader(Exchange.REDELIVERY_COUNTER, Integer.class)).isEqualTo(1);
        assertThat(exchange.getMessage().getBody(Map.class)).containsEntry("status", "success");
        assertThat(tables.jobs(tableId, "tableDrop")).isEqualTo(1);
        assertThat(exchange.getProperty(KeboolaConstants.DELETE_JOB)).isNull();
    }
}
