package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.CapturedLog;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.ScriptedServer;
import io.github.camelkeboola.component.api.ScriptedServer.Reply;
import org.apache.camel.Exchange;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The producer's Camel wiring against a scripted Storage API (no file storage involved). */
class KeboolaProducerTest extends CamelTestSupport {

    private static final String TOKEN = "987-secret-token-value";
    private final ScriptedServer server;

    KeboolaProducerTest() throws Exception {
        server = new ScriptedServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String uri(String path, String options) {
        return "keboola:" + path + "?stackUrl=" + server.url() + "&token=" + TOKEN + "&retryInitialDelay=5"
               + (options.isEmpty() ? "" : "&" + options);
    }

    @Test
    void operationHeaderOverridesTheOptionAndBodyIsTheTableDetail() {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.orders\",\"columns\":[\"id\",\"amount\"],\"rowsCount\":2}"));

        Object body = template.requestBodyAndHeader(uri("in.c-main.orders", ""), null, KeboolaConstants.OPERATION, "getTable");

        assertThat(body).isInstanceOf(Map.class);
        assertThat(((Map<?, ?>) body).get("id")).isEqualTo("in.c-main.orders");
        assertThat(((Map<?, ?>) body).get("columns")).isEqualTo(List.of("id", "amount"));
        assertThat(server.received().get(0).uri()).isEqualTo("/v2/storage/tables/in.c-main.orders");
    }

    @Test
    void overrideTableIdHeaderOverridesThePathAndIsRemoved() {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.other\"}"));

        Exchange exchange = template.request(uri("in.c-main.orders", "operation=getTable"),
                e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_TABLE_ID, "in.c-main.other"));

        assertThat(server.received().get(0).uri()).isEqualTo("/v2/storage/tables/in.c-main.other");
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo("in.c-main.other");
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(KeboolaConstants.OVERRIDE_TABLE_ID);
    }

    @Test
    void tableIdHeaderIsNotAnInput() {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.orders\"}"));

        template.request(uri("in.c-main.orders", "operation=getTable"),
                e -> e.getIn().setHeader(KeboolaConstants.TABLE_ID, "in.c-main.other"));

        assertThat(server.received().get(0).uri()).isEqualTo("/v2/storage/tables/in.c-main.orders");
    }

    @Test
    void listTablesOfABucketOrOfTheProject() {
        server.then(Reply.json(200, "[{\"id\":\"in.c-main.a\"},{\"id\":\"in.c-main.b\"}]"));

        Object inBucket = template.requestBody(uri("in.c-main", "operation=listTables"), (Object) null);
        template.requestBody(uri("", "operation=listTables"), (Object) null);

        assertThat((List<?>) inBucket).hasSize(2);
        assertThat(server.received()).extracting(ScriptedServer.Received::uri)
                .containsExactly("/v2/storage/buckets/in.c-main/tables?include=columns", "/v2/storage/tables?include=columns");
    }

    @Test
    void previewSendsItsFiltersAndReturnsCsvText() {
        server.then(new Reply(200, "text/csv", "\"id\",\"amount\"\n\"1\",\"10\"\n", Map.of()));

        Object body = template.requestBodyAndHeader(uri("in.c-main.orders",
                        "operation=previewTable&limit=5&columns=id,amount&whereColumn=id&whereValues=1,2&whereOperator=ne"),
                null, KeboolaConstants.OVERRIDE_CHANGED_SINCE, "1700000000");

        assertThat(body).isEqualTo("\"id\",\"amount\"\n\"1\",\"10\"\n");
        assertThat(server.received().get(0).uri()).isEqualTo("/v2/storage/tables/in.c-main.orders/data-preview?limit=5"
                + "&columns=id%2Camount&changedSince=1700000000&whereColumn=id&whereValues%5B%5D=1&whereValues%5B%5D=2&whereOperator=ne");
    }

    @Test
    void previewAboveTheApiMaximumFailsBeforeCallingIt() {
        assertThatThrownBy(() -> template.requestBody(uri("in.c-main.orders", "operation=previewTable&limit=1200"), (Object) null))
                .hasCauseInstanceOf(KeboolaException.class)
                .cause().hasMessageContaining("limit=1200").hasMessageContaining("exportTable");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void invalidChangedSinceNamesTheValue() {
        assertThatThrownBy(() -> template.requestBodyAndHeader(uri("in.c-main.orders", "operation=previewTable"), null,
                KeboolaConstants.OVERRIDE_CHANGED_SINCE, "last tuesday"))
                .cause().isInstanceOf(KeboolaException.class).hasMessageContaining("last tuesday");
    }

    @Test
    void getJobReadsTheOverrideJobIdHeader() {
        server.then(Reply.json(200, "{\"id\":7,\"status\":\"success\",\"tableId\":\"in.c-main.orders\"}"));

        Exchange exchange = template.request(uri("", "operation=getJob"),
                e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_JOB_ID, "7"));

        assertThat(exchange.getMessage().getBody(Map.class).get("status")).isEqualTo("success");
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_ID)).isEqualTo(7L);
        assertThat(exchange.getMessage().getHeaders()).doesNotContainKey(KeboolaConstants.OVERRIDE_JOB_ID);
        assertThat(server.received().get(0).uri()).isEqualTo("/v2/storage/jobs/7");
        // the job id a previous step wrote is an output, not the job to read
        assertThatThrownBy(() -> template.requestBodyAndHeader(uri("", "operation=getJob"), null, KeboolaConstants.JOB_ID, 7L))
                .cause().isInstanceOf(KeboolaException.class).hasMessageContaining(KeboolaConstants.OVERRIDE_JOB_ID);
        assertThatThrownBy(() -> template.requestBodyAndHeader(uri("", "operation=getJob"), null,
                KeboolaConstants.OVERRIDE_JOB_ID, "seven"))
                .cause().isInstanceOf(KeboolaException.class).hasMessageContaining("numeric").hasMessageContaining("seven");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void deleteTableWaitsForTheJob() {
        server.then(Reply.json(202, "{\"id\":9,\"status\":\"waiting\",\"tableId\":\"in.c-main.orders\"}"))
              .then(Reply.json(200, "{\"id\":9,\"status\":\"success\",\"tableId\":\"in.c-main.orders\",\"operationName\":\"tableDrop\"}"));

        Exchange exchange = template.request(uri("in.c-main.orders", "operation=deleteTable"), e -> { });

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getHeader(KeboolaConstants.JOB_ID)).isEqualTo(9L);
        assertThat(server.received()).extracting(ScriptedServer.Received::method).containsExactly("DELETE", "GET");
        assertThat(server.received().get(0).uri()).isEqualTo("/v2/storage/tables/in.c-main.orders?force=true&async=true");
    }

    @Test
    void synchronousDeleteAnswersAreDoneWithoutPolling() {
        // the deprecated sync delete answers 204 without a body; some servers answer 200 with a non-job body
        server.then(new Reply(204, "application/json", "", Map.of()))
              .then(Reply.json(200, "{}"));

        Exchange noContent = template.request(uri("in.c-main.orders", "operation=deleteTable"), e -> { });
        Exchange emptyObject = template.request(uri("in.c-main.other", "operation=deleteTable"), e -> { });

        assertThat(noContent.getException()).isNull();
        assertThat(emptyObject.getException()).isNull();
        assertThat(noContent.getMessage().getHeader(KeboolaConstants.JOB_ID)).isNull();
        assertThat(server.received()).extracting(ScriptedServer.Received::method).containsExactly("DELETE", "DELETE");
    }

    @Test
    void apiErrorReachesTheRouteAsKeboolaException() {
        server.then(Reply.json(404, "{\"error\":\"The table was not found\",\"code\":\"storage.tables.notFound\",\"exceptionId\":\"keboola-connection-1\"}"));

        Exchange exchange = template.request(uri("in.c-main.nope", "operation=getTable"), e -> { });

        assertThat(exchange.getException()).isInstanceOfSatisfying(KeboolaException.class, e -> {
            assertThat(e.getHttpResponseCode()).isEqualTo(404);
            assertThat(e.getErrorCode()).isEqualTo("storage.tables.notFound");
            assertThat(e.getTableId()).isEqualTo("in.c-main.nope");
        });
    }

    @Test
    void unknownOperationHeaderIsNamed() {
        Exchange exchange = template.request(uri("in.c-main.orders", ""), e -> e.getIn().setHeader(KeboolaConstants.OPERATION, "dropEverything"));
        assertThat(exchange.getException()).isInstanceOf(KeboolaException.class).hasMessageContaining("dropEverything");
    }

    @Test
    void eachEndpointOpensItsClientsWhenItStartsAndClosesThemWhenItStops() throws Exception {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.a\"}"));
        KeboolaEndpoint a = context.getEndpoint(uri("in.c-main.a", "operation=getTable"), KeboolaEndpoint.class);
        KeboolaEndpoint b = context.getEndpoint(uri("in.c-main.b", "operation=getTable"), KeboolaEndpoint.class);

        // found without a lookup per exchange: the endpoint holds them
        assertThat(a.getStorageApi()).isSameAs(a.getStorageApi()).isNotSameAs(b.getStorageApi());
        assertThat(template.requestBody(a, (Object) null)).isInstanceOf(Map.class);

        a.stop();
        assertThatThrownBy(a::getStorageApi).isInstanceOf(IllegalStateException.class).hasMessageContaining("not started");
        assertThatThrownBy(a::getFileTransfer).isInstanceOf(IllegalStateException.class);
        a.start();
        assertThat(a.getStorageApi()).isNotNull();
    }

    @Test
    void transfersRunOnABoundedNamedPoolOfTheContextClosedWithTheComponent() throws Exception {
        KeboolaComponent component = context.getComponent("keboola", KeboolaComponent.class);
        java.util.concurrent.ExecutorService pool = io.github.camelkeboola.component.KeboolaComponentAccess.transferExecutor(component);

        assertThat(pool).isInstanceOf(java.util.concurrent.ThreadPoolExecutor.class);
        assertThat(((java.util.concurrent.ThreadPoolExecutor) pool).getMaximumPoolSize()).isEqualTo(16);
        String[] name = new String[1];
        pool.submit(() -> name[0] = Thread.currentThread().getName()).get();
        // named by Camel's thread name pattern, so it shows in thread dumps and management
        assertThat(name[0]).startsWith("Camel (" + context.getName() + ") thread").contains("KeboolaTransfer");

        component.stop();
        assertThat(pool.isShutdown()).isTrue();
    }

    @Test
    void settingsAreCheckedWhenTheEndpointStartsNotAtFirstUse() {
        for (String[] bad : new String[][] {{"uploadPartSize=0", "uploadPartSize"}, {"requestTimeout=0", "requestTimeout"},
                                            {"changedSince=RAW(next tuesday)", "changedSince"}, {"delimiter=ab", "delimiter"},
                                            {"maxRetries=-1", "maxRetries"}, {"limit=0", "limit"},
                                            {"outputType=file", "outputDirectory"}, {"fileStorageEndpoint=ftp://x", "fileStorageEndpoint"}}) {
            assertThatThrownBy(() -> context.getEndpoint(uri("in.c-main.a", bad[0])))
                    .as(bad[0]).hasStackTraceContaining("Invalid " + bad[1]);
        }
        assertThatThrownBy(() -> context.getEndpoint("keboola:in.c-main.a?token=t&stackUrl=ftp://stack"))
                .hasStackTraceContaining("Invalid stackUrl 'ftp://stack' of keboola:in.c-main.a");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void endpointNeedsAToken() {
        assertThatThrownBy(() -> context.getEndpoint("keboola:in.c-main.orders?stackUrl=" + server.url()))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("token");
    }

    @Test
    void tokenOnTheComponentNeverReachesAnyLog() throws Exception {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.orders\"}"));
        try (CapturedLog log = CapturedLog.atDebug()) {
            context.getComponent("keboola", KeboolaComponent.class).getConfiguration().setToken(TOKEN);
            KeboolaEndpoint endpoint = context.getEndpoint("keboola:in.c-main.orders?operation=getTable&stackUrl=" + server.url(),
                    KeboolaEndpoint.class);
            template.requestBody(endpoint, (Object) null);
            template.request(endpoint, e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_TABLE_ID, "in.c-main.missing"));

            assertThat(log.text()).contains("org.apache.hc.client5.http.headers", "KeboolaEndpoint[").doesNotContain(TOKEN);
        }
        assertThat(server.received()).allSatisfy(r -> assertThat(r.token()).isEqualTo(TOKEN));
    }

    @Test
    void tokenInTheUriIsMaskedByTheComponent() throws Exception {
        // Camel core itself logs raw endpoint URIs at DEBUG, so only the component's and HttpClient's lines are checked;
        // the docs recommend configuring the token on the component
        server.then(Reply.json(200, "{\"id\":\"in.c-main.orders\"}"));
        try (CapturedLog log = CapturedLog.atDebug()) {
            KeboolaEndpoint endpoint = context.getEndpoint(uri("in.c-main.orders", "operation=getTable"), KeboolaEndpoint.class);
            template.requestBody(endpoint, (Object) null);

            assertThat(endpoint.toString()).contains("token=xxxxxx").doesNotContain(TOKEN);
            assertThat(endpoint.createProducer().toString()).contains("token=xxxxxx").doesNotContain(TOKEN);
            assertThat(log.lines()).filteredOn(line -> line.startsWith("io.github.camelkeboola") || line.startsWith("org.apache.hc"))
                    .isNotEmpty().noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void tokenWrittenInTheEndpointUriReachesNoLogAtAllWithEveryLoggerAtDebug() throws Exception {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.orders\"}"))
              .then(Reply.json(404, "{\"error\":\"The table was not found\",\"code\":\"storage.tables.notFound\"}"))
              .then(Reply.json(503, "{\"status\":\"maintenance\",\"reason\":\"upgrade\"}").header("Retry-After", "0"))
              .then(Reply.json(202, "{\"id\":9,\"status\":\"waiting\",\"tableId\":\"in.c-main.orders\"}"))
              .then(Reply.json(200, "{\"id\":9,\"status\":\"success\",\"tableId\":\"in.c-main.orders\"}"));
        String endpointUri = uri("in.c-main.orders", "operation=getTable");
        try (CapturedLog log = CapturedLog.at(org.apache.logging.log4j.Level.DEBUG)) {
            context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:secret").routeId("secret-route").to(endpointUri).to("mock:secret");
                }
            });
            template.sendBody("direct:secret", "x");
            Exchange failed = template.send("direct:secret", e -> e.getIn().setHeader(KeboolaConstants.OVERRIDE_TABLE_ID, "in.c-main.missing"));
            // a retried 503, then a delete job polled until done
            template.sendBodyAndHeader("direct:secret", "x", KeboolaConstants.OPERATION, "deleteTable");
            KeboolaEndpoint endpoint = context.getEndpoints().stream().filter(KeboolaEndpoint.class::isInstance)
                    .map(KeboolaEndpoint.class::cast).findFirst().orElseThrow();
            context.getRouteController().stopRoute("secret-route");

            assertThat(failed.getException()).isInstanceOf(KeboolaException.class);
            assertThat(failed.getException().getMessage()).doesNotContain(TOKEN);
            assertThat(endpoint.toString()).contains("token=xxxxxx").doesNotContain(TOKEN);
            assertThat(context.getRoute("secret-route").getEndpoint().toString()).doesNotContain(TOKEN);
            // HttpClient's header log is on and shows the token header masked; the retry was logged
            assertThat(log.text()).contains("X-StorageApi-Token: xxxxxx", "retry 1 of");
            assertThat(log.lines()).noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void tokenInAConsumerUriReachesNoLogAtDebug() throws Exception {
        server.then(Reply.json(200, "{\"id\":\"in.c-main.orders\",\"columns\":[\"id\"],\"lastImportDate\":null}"));
        String consumerUri = uri("in.c-main.orders", "delay=50&initialDelay=0");
        try (CapturedLog log = CapturedLog.at(org.apache.logging.log4j.Level.DEBUG)) {
            context.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from(consumerUri).routeId("secret-consumer").to("mock:consumed");
                }
            });
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> server.received().size() >= 2);
            context.getRouteController().stopRoute("secret-consumer");

            assertThat(context.getRoute("secret-consumer").getConsumer().toString()).doesNotContain(TOKEN);
            assertThat(log.text()).contains("secret-consumer");
            assertThat(log.lines()).noneMatch(line -> line.contains(TOKEN));
        }
    }

    @Test
    void healthCheckVerifiesTheTokenAndNeverShowsIt() {
        server.then(Reply.json(200, "{\"id\":\"1\",\"token\":\"" + TOKEN + "\"}"))
              .then(Reply.json(401, "{\"error\":\"Invalid access token\",\"code\":\"storage.tokenInvalid\"}"));
        KeboolaEndpoint endpoint = context.getEndpoint(uri("in.c-main.orders", ""), KeboolaEndpoint.class);
        HealthCheck.Result up;
        HealthCheck.Result down;
        KeboolaProducerHealthCheck check = new KeboolaProducerHealthCheck(endpoint);
        try (check) {
            up = check.call();
            down = check.call();
        }

        assertThat(check.getId()).isEqualTo("producer:keboola-in.c-main.orders@" + server.url().substring("http://".length()));
        assertThat(check.isReadiness()).isTrue();
        assertThat(check.isLiveness()).isFalse();
        assertThat(up.getState()).isEqualTo(HealthCheck.State.UP);
        assertThat(down.getState()).isEqualTo(HealthCheck.State.DOWN);
        assertThat(down.getDetails()).containsEntry(HealthCheck.HTTP_RESPONSE_CODE, 401).containsEntry("keboola.error.code", "storage.tokenInvalid");
        assertThat(String.valueOf(up.getDetails()) + down.getDetails() + down.getMessage()).doesNotContain(TOKEN);
        assertThat(server.received()).allSatisfy(r -> assertThat(r.uri()).isEqualTo("/v2/storage/tokens/verify"));
    }

    @Test
    void healthCheckAgainstAStackThatNeverAnswersIsDownWithinSeconds() throws Exception {
        // accepts connections and never answers: with the endpoint's retries and 120 s timeouts a check took minutes
        try (java.net.ServerSocket blackHole = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            KeboolaEndpoint endpoint = context.getEndpoint("keboola:in.c-main.orders?token=" + TOKEN + "&stackUrl=http://127.0.0.1:"
                    + blackHole.getLocalPort(), KeboolaEndpoint.class);
            assertThat(endpoint.getConfiguration().getMaxRetries()).isEqualTo(6);
            assertThat(endpoint.getConfiguration().getRequestTimeout()).isEqualTo(120_000L);

            try (KeboolaProducerHealthCheck check = new KeboolaProducerHealthCheck(endpoint)) {
                HealthCheck.Result result = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                        java.time.Duration.ofSeconds(30), () -> check.call());

                assertThat(result.getState()).isEqualTo(HealthCheck.State.DOWN);
                assertThat(result.getMessage()).hasValueSatisfying(m -> assertThat(m).contains("tokens/verify"));
            }
        }
    }
}
