package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import io.github.camelkeboola.emulator.queue.QueueJob;
import io.github.camelkeboola.emulator.queue.QueueOutcome;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** runJob and getQueueJob through routes against the emulator's Queue API, found through the stack's index. */
class QueueJobRouteTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static final String RUN = "keboola:?operation=runJob&componentId=keboola.snowflake-transformation&configId=42";

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(KEBOOLA.emulator().baseUrl());
        keboola.getConfiguration().setToken(KEBOOLA.emulator().token());
        keboola.getConfiguration().setRetryInitialDelay(20);
        keboola.getConfiguration().setRetryMaxDelay(100);
        keboola.getConfiguration().setMaxRetries(2);
        keboola.getConfiguration().setJobPollMaxInterval(200);
        context.addComponent("keboola", keboola);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                // load, run the transformation that reads it, export what it wrote
                from("direct:pipeline")
                        .to("keboola:in.c-queue.orders?primaryKey=id")
                        .to(RUN + "&variable.minAmount=10")
                        .setProperty("job", body())
                        .setHeader(KeboolaConstants.OVERRIDE_TABLE_ID, constant("out.c-queue.big_orders"))
                        .to("keboola:?operation=exportTable&outputType=rows");
            }
        };
    }

    @AfterEach
    void clear() {
        KEBOOLA.emulator().queue().clearOutcomes();
        KEBOOLA.emulator().faults().clear();
    }

    @Test
    void importThenRunAJobThenExportItsOutputTable() {
        // the emulated transformation: rows of in.c-queue.orders with amount >= minAmount into out.c-queue.big_orders
        KEBOOLA.emulator().queue().next(QueueOutcome.success().forConfig("keboola.snowflake-transformation", "42")
                .doing(job -> {
                    int min = job.variableValuesData.at("/values/0/value").asInt();
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> rows = template.requestBody(
                            "keboola:in.c-queue.orders?operation=exportTable&outputType=rows", null, List.class);
                    StringBuilder csv = new StringBuilder("id,amount\n");
                    rows.stream().filter(r -> Integer.parseInt((String) r.get("amount")) >= min)
                            .forEach(r -> csv.append(r.get("id")).append(',').append(r.get("amount")).append('\n'));
                    template.sendBody("keboola:out.c-queue.big_orders", csv.toString());
                }));

        Exchange exchange = template.request("direct:pipeline", e -> e.getIn().setBody("id,amount\n1,5\n2,15\n3,30\n"));

        assertThat(exchange.getException()).isNull();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> exported = exchange.getMessage().getBody(List.class);
        assertThat(exported).extracting(r -> r.get("id")).containsExactlyInAnyOrder("2", "3");
        Map<?, ?> job = exchange.getProperty("job", Map.class);
        assertThat(job.get("status")).isEqualTo("success");
        assertThat(job.get("isFinished")).isEqualTo(true);
        QueueJob ran = KEBOOLA.emulator().queue().job(Long.parseLong((String) job.get("id"))).orElseThrow();
        assertThat(ran.component).isEqualTo("keboola.snowflake-transformation");
        assertThat(ran.config).isEqualTo("42");
        assertThat(ran.mode).isEqualTo("run");
        assertThat(ran.variableValuesData.toString()).isEqualTo("{\"values\":[{\"name\":\"minAmount\",\"value\":\"10\"}]}");
    }

    @Test
    void bodyIsTheFinishedJobAndHeadersNameIt() {
        Exchange exchange = template.request(RUN + "&configRowIds=r1,r2&mode=forceRun", e -> { });

        assertThat(exchange.getException()).isNull();
        Map<?, ?> job = exchange.getMessage().getBody(Map.class);
        assertThat(job.get("status")).isEqualTo("success");
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_ID)).isEqualTo(Long.parseLong((String) job.get("id")));
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_STATUS)).isEqualTo("success");
        QueueJob ran = KEBOOLA.emulator().queue().job(Long.parseLong((String) job.get("id"))).orElseThrow();
        assertThat(ran.configRowIds).containsExactly("r1", "r2");
        assertThat(ran.mode).isEqualTo("forceRun");
        assertThat(ran.parentRunId).startsWith("camel-keboola-");
    }

    @Test
    void overrideConfigIdHeaderRunsThatConfigurationAndIsRemoved() {
        Exchange exchange = template.request(RUN, e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_CONFIG_ID, "77"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody(Map.class).get("config")).isEqualTo("77");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(KeboolaConstants.OVERRIDE_CONFIG_ID);
    }

    @Test
    void aJobInErrorFailsTheExchangeWithItsMessage() {
        KEBOOLA.emulator().queue().next(QueueOutcome.error("Table in.c-main.missing does not exist").after(Duration.ofMillis(300)));

        Exchange exchange = template.request(RUN, e -> { });

        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class)
                .hasMessageContaining("ended in error: Table in.c-main.missing does not exist")
                .hasMessageContaining("keboola.snowflake-transformation 42");
        Long jobId = ((KeboolaException) exchange.getException()).getJobId();
        assertThat(jobId).isPositive();
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_ID)).isEqualTo(jobId);
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_STATUS)).isEqualTo("error");
    }

    @Test
    void aWarningIsDeliveredOrFailsWhenAsked() {
        KEBOOLA.emulator().queue().next(QueueOutcome.warning("2 rows skipped"));
        KEBOOLA.emulator().queue().next(QueueOutcome.warning("2 rows skipped"));

        Exchange delivered = template.request(RUN, e -> { });
        Exchange failed = template.request(RUN + "&failOnJobWarning=true", e -> { });

        assertThat(delivered.getException()).isNull();
        assertThat(delivered.getMessage().getBody(Map.class).get("status")).isEqualTo("warning");
        assertThat(failed.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("ended in warning: 2 rows skipped");
    }

    @Test
    void aJobKilledWhileItRunsFailsAsTerminated() throws Exception {
        KEBOOLA.emulator().queue().next(QueueOutcome.success().after(Duration.ofMinutes(5)));
        CompletableFuture<Exchange> running = template.asyncSend(RUN.replace("configId=42", "configId=killed"), e -> { });
        QueueJob job = await().atMost(Duration.ofSeconds(30)).until(
                () -> KEBOOLA.emulator().queue().jobs().stream()
                        .filter(j -> "killed".equals(j.config) && "processing".equals(j.status())).findFirst(),
                java.util.Optional::isPresent).orElseThrow();

        HttpResponse<String> kill = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(KEBOOLA.emulator().baseUrl() + "/queue/jobs/" + job.id + "/kill"))
                .header("X-StorageApi-Token", KEBOOLA.emulator().token()).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(kill.statusCode()).isEqualTo(200);
        Exchange exchange = running.get(60, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("ended in terminated");
    }

    @Test
    void aTerminatedOutcomeFailsToo() {
        KEBOOLA.emulator().queue().next(QueueOutcome.terminated());

        assertThat(template.request(RUN, e -> { }).getException()).hasMessageContaining("ended in terminated");
    }

    @Test
    void aJobStillRunningAtTheTimeoutIsAnUnknownOutcomeNamingIt() {
        KEBOOLA.emulator().queue().next(QueueOutcome.success().after(Duration.ofMinutes(5)));

        Exchange exchange = template.request(RUN + "&jobTimeout=500", e -> { });

        assertThat(exchange.getException()).isInstanceOf(KeboolaOutcomeUnknownException.class)
                .hasMessageContaining("did not finish within");
        Long jobId = ((KeboolaException) exchange.getException()).getJobId();
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_ID)).isEqualTo(jobId);
        QueueJob job = KEBOOLA.emulator().queue().job(jobId).orElseThrow();
        assertThat(job.status()).isEqualTo("processing");

        Exchange read = template.request("keboola:?operation=getQueueJob",
                e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_JOB_ID, jobId));
        assertThat(read.getMessage().getHeader(KeboolaConstants.JOB_STATUS)).isEqualTo("processing");
        assertThat(read.getMessage().getBody(Map.class).get("isFinished")).isEqualTo(false);
        KEBOOLA.emulator().queue().kill(job);
    }

    @Test
    void aGatewayErrorAfterTheJobWasCreatedRunsItOnce() {
        int before = KEBOOLA.emulator().queue().jobs().size();
        FaultInjector.Rule gateway = KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/queue/jobs$",
                Fault.acceptThenStatus(504), 1);

        Exchange exchange = template.request(RUN, e -> { });

        assertThat(exchange.getException()).isNull();
        assertThat(gateway.hits()).isEqualTo(1);
        assertThat(KEBOOLA.emulator().queue().jobs()).hasSize(before + 1);
    }

    @Test
    void aServerErrorBeforeTheJobWasCreatedIsRetried() {
        int before = KEBOOLA.emulator().queue().jobs().size();
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/queue/jobs$", Fault.status(500), 1);

        Exchange exchange = template.request(RUN, e -> { });

        assertThat(exchange.getException()).isNull();
        assertThat(KEBOOLA.emulator().queue().jobs()).hasSize(before + 1);
    }

    @Test
    void aRejectedJobNamesTheQueueError() {
        Exchange exchange = template.request(RUN + "&mode=sprint", e -> { });

        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class)
                .hasMessageContaining("Queue API POST jobs failed").hasMessageContaining("mode")
                .hasMessageContaining("HTTP 400").hasMessageContaining("exceptionId=");
    }

    @Test
    void getQueueJobOfAnUnknownJobIsA404() {
        Exchange exchange = template.request("keboola:?operation=getQueueJob",
                e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_JOB_ID, "123"));

        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("HTTP 404");
    }

    @Test
    void runJobWithoutAConfigurationFailsBeforeCallingTheQueue() {
        int before = KEBOOLA.emulator().queue().jobs().size();

        Exchange exchange = template.request("keboola:?operation=runJob&componentId=keboola.orchestrator", e -> { });

        assertThat(exchange.getException()).hasMessageContaining("runJob needs componentId and configId");
        assertThat(KEBOOLA.emulator().queue().jobs()).hasSize(before);
    }
}
