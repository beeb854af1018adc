package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.CapturedLog;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.ScriptedServer.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HttpStorageApiTest {

    private static final String TOKEN = "123-4567-secretTokenValue";
    private final ObjectMapper mapper = new ObjectMapper();
    private ScriptedServer server;
    private HttpStorageApi api;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServer();
        api = new HttpStorageApi(config(server.url()));
    }

    @AfterEach
    void stop() {
        api.close();
        server.close();
    }

    private static KeboolaConfiguration config(String url) {
        KeboolaConfiguration config = new KeboolaConfiguration();
        config.setStackUrl(url);
        config.setToken(TOKEN);
        config.setRetryInitialDelay(5);
        config.setRetryMaxDelay(20);
        config.setMaxRetries(3);
        config.setJobPollMaxInterval(200);
        config.setConnectTimeout(2_000);
        config.setRequestTimeout(2_000);
        return config;
    }

    @Test
    void sendsTokenAndJsonBodyToTheStackAndReadsTheJob() throws Exception {
        server.then(Reply.json(202, "{\"id\":7,\"status\":\"waiting\",\"tableId\":\"in.c-main.orders\"}"));

        JsonNode job = api.importAsync("in.c-main.orders", Map.of("dataFileId", 12, "incremental", true));

        assertThat(job.get("id").asLong()).isEqualTo(7);
        ScriptedServer.Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.uri()).isEqualTo("/v2/storage/tables/in.c-main.orders/import-async");
        assertThat(request.token()).isEqualTo(TOKEN);
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(mapper.readTree(request.body())).isEqualTo(mapper.readTree("{\"dataFileId\":12,\"incremental\":true}"));
    }

    @Test
    void successAnswerThatIsNotJsonIsOneClearErrorNotRetried() {
        server.then(new Reply(200, "text/html", "<html><body>Proxy login</body></html>", Map.of()));

        assertThatThrownBy(() -> api.getTable("in.c-main.orders"))
                .isInstanceOfSatisfying(KeboolaException.class, e -> {
                    assertThat(e.getHttpResponseCode()).isEqualTo(200);
                    assertThat(e.getTableId()).isEqualTo("in.c-main.orders");
                })
                .hasMessageContaining("GET tables/in.c-main.orders").hasMessageContaining("not JSON").hasMessageContaining("text/html");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void gzipAnswersAreDecompressed() throws Exception {
        // clients send Accept-Encoding: gzip (contract §0), so a server may compress its answers
        com.sun.net.httpserver.HttpServer gzipServer = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        AtomicReference<String> acceptEncoding = new AtomicReference<>();
        gzipServer.createContext("/", exchange -> {
            acceptEncoding.set(exchange.getRequestHeaders().getFirst("Accept-Encoding"));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (OutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
                gzip.write("{\"id\":\"in.c-main.orders\",\"rowsCount\":\"3\"}".getBytes(StandardCharsets.UTF_8));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, bytes.size());
            try (OutputStream out = exchange.getResponseBody()) {
                bytes.writeTo(out);
            }
        });
        gzipServer.start();
        try (HttpStorageApi gzipApi = new HttpStorageApi(config("http://127.0.0.1:" + gzipServer.getAddress().getPort()))) {
            assertThat(gzipApi.getTable("in.c-main.orders").get("id").asText()).isEqualTo("in.c-main.orders");
            assertThat(acceptEncoding.get()).contains("gzip");
        } finally {
            gzipServer.stop(0);
        }
    }

    @Test
    void waitingForAnAnswerThatIsNotAJobFailsWithoutPolling() {
        assertThatThrownBy(() -> api.waitForJob(mapper.createObjectNode(), Duration.ofSeconds(5)))
                .isInstanceOf(KeboolaException.class).hasMessageContaining("not a job");
        assertThat(server.received()).isEmpty();
    }

    @Test
    void retriesServerErrorsThenSucceeds() {
        server.then(Reply.json(502, "{\"error\":\"bad gateway\"}"))
              .then(Reply.text(500, "oops"))
              .then(Reply.json(200, "{\"id\":\"in.c-main.orders\"}"));

        assertThat(api.getTable("in.c-main.orders").get("id").asText()).isEqualTo("in.c-main.orders");
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void jobPostAfterAServerErrorIsSentAgainOnlyWhenNoJobHasItsRunId() {
        server.then(Reply.json(500, "{\"error\":\"Internal error\"}"))
              .then(Reply.json(200, "[{\"id\":5,\"status\":\"success\",\"runId\":\"someone-else\",\"createdTime\":\"2030-01-01T00:00:00+0100\"}]"))
              .then(Reply.json(202, "{\"id\":8,\"status\":\"waiting\"}"));

        assertThat(api.importAsync("in.c-main.orders", Map.of(), "run-1").get("id").asLong()).isEqualTo(8);

        List<ScriptedServer.Received> requests = server.received();
        assertThat(requests).extracting(r -> r.method() + " " + r.uri()).containsExactly(
                "POST /v2/storage/tables/in.c-main.orders/import-async",
                "GET /v2/storage/jobs?limit=100&offset=0",
                "POST /v2/storage/tables/in.c-main.orders/import-async");
        assertThat(requests.get(0).runId()).isEqualTo("run-1");
        assertThat(requests.get(2).runId()).isEqualTo("run-1");
    }

    @Test
    void gatewayTimeoutAfterTheJobWasAcceptedReturnsThatJobWithoutSendingAgain() {
        server.then(new Reply(504, "text/html", "<html><title>504 Gateway Time-out</title></html>", Map.of()))
              .then(Reply.json(200, "[{\"id\":9,\"status\":\"processing\",\"runId\":\"run-2\",\"tableId\":\"in.c-main.orders\"}]"));

        JsonNode job = api.createTableAsync("in.c-main", Map.of("name", "orders"), "run-2");

        assertThat(job.get("id").asLong()).isEqualTo(9);
        assertThat(server.received()).extracting(ScriptedServer.Received::method).containsExactly("POST", "GET");
    }

    private static String jobsPage(int count, String createdTime, String lastRunId) {
        StringBuilder page = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            page.append(i == 0 ? "" : ",").append("{\"id\":").append(1000 - i).append(",\"status\":\"success\",\"runId\":\"")
                .append(i == count - 1 && lastRunId != null ? lastRunId : "other-" + i)
                .append("\",\"createdTime\":\"").append(createdTime).append("\"}");
        }
        return page.append("]").toString();
    }

    @Test
    void runIdLookUpPagesNewestFirstUntilItFindsTheJob() {
        server.then(Reply.json(200, jobsPage(100, "2030-01-01T10:00:00+0100", null)))
              .then(Reply.json(200, jobsPage(3, "2030-01-01T10:00:00+0100", "wanted")));

        JsonNode job = api.findJobByRunId("wanted", java.time.Instant.parse("2030-01-01T08:59:00Z")).orElseThrow();

        assertThat(job.get("runId").asText()).isEqualTo("wanted");
        assertThat(server.received()).extracting(ScriptedServer.Received::uri)
                .containsExactly("/v2/storage/jobs?limit=100&offset=0", "/v2/storage/jobs?limit=100&offset=100");
    }

    @Test
    void runIdLookUpStopsAtJobsCreatedLongBeforeTheCall() {
        server.then(Reply.json(200, jobsPage(100, "2030-01-01T09:00:00+0100", null)));

        // the call was sent an hour after these jobs were created: beyond the clock-skew margin, none can be its job
        assertThat(api.findJobByRunId("wanted", java.time.Instant.parse("2030-01-01T09:00:00Z"))).isEmpty();
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void everyJobCreatingCallCarriesAFreshRunId() {
        server.then(Reply.json(202, "{\"id\":8,\"status\":\"waiting\"}"));

        api.exportAsync("in.c-main.orders", Map.of());
        api.deleteTable("in.c-main.orders");
        api.importAsync("in.c-main.orders", Map.of());
        api.getTable("in.c-main.orders");

        List<ScriptedServer.Received> requests = server.received();
        assertThat(requests.subList(0, 3)).extracting(ScriptedServer.Received::runId).doesNotContainNull().doesNotHaveDuplicates();
        assertThat(requests.get(3).runId()).isNull();
    }

    @Test
    void jobsListThatCannotBeReadAfterAnUnclearAnswerFailsAsOutcomeUnknown() {
        server.then(Reply.json(502, "{\"error\":\"bad gateway\"}"));

        assertThatThrownBy(() -> api.importAsync("in.c-main.orders", Map.of(), "run-3"))
                .isInstanceOf(io.github.camelkeboola.component.KeboolaOutcomeUnknownException.class)
                .hasMessageContaining("may have been accepted").hasMessageContaining("run-3");
        assertThat(server.received()).filteredOn(r -> r.method().equals("POST")).hasSize(1);
    }

    @Test
    void retriesARateLimitedPost() {
        server.then(Reply.json(429, "{\"error\":\"Too many requests\"}").header("Retry-After", "0"))
              .then(Reply.json(202, "{\"id\":8,\"status\":\"waiting\"}"));

        assertThat(api.exportAsync("in.c-main.orders", Map.of()).get("id").asLong()).isEqualTo(8);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void doesNotRetryNotImplemented() {
        server.then(Reply.json(501, "{\"error\":\"Not supported\",\"code\":\"storage.notSupportedForSPCProject\",\"exceptionId\":\"keboola-connection-1\"}"));

        assertThatThrownBy(() -> api.getTable("in.c-main.orders"))
                .isInstanceOfSatisfying(KeboolaException.class, e -> {
                    assertThat(e.getHttpResponseCode()).isEqualTo(501);
                    assertThat(e.getErrorCode()).isEqualTo("storage.notSupportedForSPCProject");
                });
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void honoursRetryAfterOfMaintenance() {
        server.then(Reply.json(503, "{\"status\":\"maintenance\",\"reason\":\"upgrade\",\"estimatedEndTime\":\"2030-01-01T00:00:00+0000\"}")
                         .header("Retry-After", "1"))
              .then(Reply.json(200, "{\"id\":1}"));

        KeboolaConfiguration patient = config(server.url());
        patient.setRetryMaxDelay(5_000);
        long started = System.nanoTime();
        try (HttpStorageApi patientApi = new HttpStorageApi(patient)) {
            patientApi.getJob(1);
        }
        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        // the backoff alone would pause 5 ms
        assertThat(elapsedMillis).isGreaterThanOrEqualTo(950);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void retryAfterIsCappedByRetryMaxDelay() {
        // an hour per try, whatever retryMaxDelay (20 ms here) says, is what this must not do
        server.then(Reply.json(503, "{\"status\":\"maintenance\",\"reason\":\"upgrade\"}").header("Retry-After", "3600"))
              .then(Reply.json(503, "{\"status\":\"maintenance\",\"reason\":\"upgrade\"}").header("Retry-After", "3600"))
              .then(Reply.json(200, "{\"id\":1}"));

        JsonNode job = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(60), () -> api.getJob(1));

        assertThat(job.path("id").asInt()).isEqualTo(1);
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void maintenanceThatOutlastsTheRetriesNamesIt() {
        server.then(Reply.json(503, "{\"status\":\"maintenance\",\"reason\":\"upgrade\"}"));

        assertThatThrownBy(() -> api.getJob(1))
                .isInstanceOfSatisfying(KeboolaException.class, e -> {
                    assertThat(e.getHttpResponseCode()).isEqualTo(503);
                    assertThat(e.getErrorCode()).isEqualTo("MAINTENANCE");
                    assertThat(e.getJobId()).isEqualTo(1L);
                    assertThat(e.getMessage()).contains("maintenance: upgrade");
                });
        assertThat(server.received()).hasSize(4); // first call + maxRetries
    }

    @Test
    void errorCarriesStatusCodeExceptionIdAndTable() {
        server.then(Reply.json(404, "{\"error\":\"The table \\\"orders\\\" was not found in the bucket \\\"in.c-main\\\"\","
                                    + "\"code\":\"storage.tables.notFound\",\"exceptionId\":\"keboola-connection-abc\",\"status\":\"error\"}"));

        assertThatThrownBy(() -> api.getTable("in.c-main.orders"))
                .isInstanceOfSatisfying(KeboolaException.class, e -> {
                    assertThat(e.getHttpResponseCode()).isEqualTo(404);
                    assertThat(e.getErrorCode()).isEqualTo("storage.tables.notFound");
                    assertThat(e.getExceptionId()).isEqualTo("keboola-connection-abc");
                    assertThat(e.getTableId()).isEqualTo("in.c-main.orders");
                    assertThat(e.getMessage()).contains("was not found", "HTTP 404", "storage.tables.notFound",
                            "keboola-connection-abc", "in.c-main.orders");
                });
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void nonJsonErrorBodyBecomesTheMessage() {
        server.then(Reply.text(400, "<html>Bad request from the proxy</html>"));

        assertThatThrownBy(() -> api.listTables(null))
                .isInstanceOf(KeboolaException.class)
                .hasMessageContaining("<html>Bad request from the proxy</html>")
                .hasMessageContaining("HTTP 400");
    }

    @Test
    void findTableIsEmptyOn404() {
        server.then(Reply.json(404, "{\"error\":\"Bucket in.c-x not found\",\"code\":\"storage.buckets.notFound\"}"));

        assertThat(api.findTable("in.c-x.t")).isEmpty();
    }

    @Test
    void ensureBucketCreatesAMissingBucket() throws Exception {
        server.then(Reply.json(404, "{\"error\":\"not found\",\"code\":\"storage.buckets.notFound\"}"))
              .then(Reply.json(201, "{\"id\":\"in.c-main\"}"));

        assertThat(api.ensureBucket("in.c-main").get("id").asText()).isEqualTo("in.c-main");

        List<ScriptedServer.Received> requests = server.received();
        assertThat(requests.get(1).method()).isEqualTo("POST");
        assertThat(requests.get(1).uri()).isEqualTo("/v2/storage/buckets");
        assertThat(mapper.readTree(requests.get(1).body())).isEqualTo(mapper.readTree("{\"name\":\"main\",\"stage\":\"in\"}"));
        assertThatThrownBy(() -> api.ensureBucket("main")).isInstanceOf(KeboolaException.class).hasMessageContaining("stage.c-name");
    }

    @Test
    void sendsQueryParametersWithBracketArrays() {
        server.then(new Reply(200, "text/csv", "\"id\",\"name\"\n\"1\",\"a\"\n", Map.of()));

        String csv;
        try (InputStream in = api.previewTable("in.c-main.orders",
                Map.of("limit", 10, "whereValues", List.of("a b", "c")))) {
            csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new AssertionError(e);
        }

        assertThat(csv).isEqualTo("\"id\",\"name\"\n\"1\",\"a\"\n");
        assertThat(server.received().get(0).uri())
                .startsWith("/v2/storage/tables/in.c-main.orders/data-preview?")
                .contains("limit=10")
                .contains("whereValues%5B%5D=a%20b&whereValues%5B%5D=c");
    }

    @Test
    void waitsForJobUntilSuccess() {
        server.then(Reply.json(200, "{\"id\":5,\"status\":\"processing\"}"))
              .then(Reply.json(200, "{\"id\":5,\"status\":\"success\",\"results\":{\"totalRowsCount\":3}}"));

        JsonNode job = api.waitForJob(accepted(5), Duration.ofSeconds(10));

        assertThat(job.path("results").path("totalRowsCount").asInt()).isEqualTo(3);
        assertThat(server.received()).extracting(ScriptedServer.Received::uri).containsOnly("/v2/storage/jobs/5");
    }

    @Test
    void failedJobBecomesExceptionWithItsCode() {
        server.then(Reply.json(200, "{\"id\":5,\"status\":\"error\",\"tableId\":\"in.c-main.orders\",\"operationName\":\"tableImport\","
                                    + "\"error\":{\"code\":\"csvImport.columnsNotMatch\",\"message\":\"Some columns are missing in the csv file.\","
                                    + "\"exceptionId\":\"keboola-connection-42\"}}"));

        assertThatThrownBy(() -> api.waitForJob(accepted(5), Duration.ofSeconds(10)))
                .isInstanceOfSatisfying(KeboolaException.class, e -> {
                    assertThat(e.getErrorCode()).isEqualTo("csvImport.columnsNotMatch");
                    assertThat(e.getExceptionId()).isEqualTo("keboola-connection-42");
                    assertThat(e.getJobId()).isEqualTo(5L);
                    assertThat(e.getTableId()).isEqualTo("in.c-main.orders");
                    assertThat(e.getMessage()).contains("Some columns are missing", "tableImport", "job=5");
                });
    }

    @Test
    void jobWaitIsBoundedByTheTimeout() {
        server.then(Reply.json(200, "{\"id\":5,\"status\":\"processing\"}"));

        long started = System.nanoTime();
        assertThatThrownBy(() -> api.waitForJob(accepted(5), Duration.ofMillis(700)))
                .isInstanceOfSatisfying(io.github.camelkeboola.component.KeboolaOutcomeUnknownException.class, e -> {
                    assertThat(e.getJobId()).isEqualTo(5L);
                    assertThat(e.getMessage()).contains("did not finish within PT0.7S", "processing", "may still complete");
                });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(650L, 3_000L);
        // 100, 200, 200 (max interval), ... : backoff, not a busy loop
        assertThat(server.received().size()).isBetween(2, 6);
    }

    @Test
    void jobWaitIsInterruptible() throws Exception {
        server.then(Reply.json(200, "{\"id\":5,\"status\":\"processing\"}"));
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicReference<Boolean> interruptedFlag = new AtomicReference<>();
        Thread waiter = new Thread(() -> {
            try {
                api.waitForJob(accepted(5), Duration.ofMinutes(5));
            } catch (Throwable e) {
                failure.set(e);
                interruptedFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        waiter.start();
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.received().size() >= 2);
        waiter.interrupt();
        waiter.join(5_000);

        assertThat(waiter.isAlive()).isFalse();
        assertThat(failure.get()).isInstanceOf(KeboolaException.class).hasMessageContaining("Interrupted");
        assertThat(interruptedFlag.get()).isTrue();
    }

    @Test
    void postCutAfterSendingIsNotRepeatedButGetIs() throws Exception {
        List<String> requestLines = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture.runAsync(() -> {
                while (!socket.isClosed()) {
                    try (Socket client = socket.accept()) {
                        // read the request, then hang up without answering
                        String head = new String(readSome(client.getInputStream()), StandardCharsets.ISO_8859_1);
                        requestLines.add(head.lines().findFirst().orElse(""));
                    } catch (Exception closed) {
                        return;
                    }
                }
            });
            try (HttpStorageApi cut = new HttpStorageApi(config("http://127.0.0.1:" + socket.getLocalPort()))) {
                // the POST may have started its job: it is looked up (GET jobs, cut too), not sent again
                assertThatThrownBy(() -> cut.exportAsync("in.c-main.orders", Map.of()))
                        .isInstanceOf(io.github.camelkeboola.component.KeboolaOutcomeUnknownException.class)
                        .hasMessageContaining("POST tables/in.c-main.orders/export-async may have been accepted");
                assertThat(requestLines).filteredOn(line -> line.startsWith("POST")).hasSize(1);
                assertThat(requestLines).filteredOn(line -> line.startsWith("GET /v2/storage/jobs")).hasSize(4);

                requestLines.clear();
                assertThatThrownBy(() -> cut.getTable("in.c-main.orders")).isInstanceOf(KeboolaException.class);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> requestLines.size() == 4);
            }
        }
    }

    private static byte[] readSome(InputStream in) throws java.io.IOException {
        byte[] buffer = new byte[8192];
        int n = in.read(buffer);
        return java.util.Arrays.copyOf(buffer, Math.max(n, 0));
    }

    @Test
    void postIsRepeatedWhenTheConnectionNeverOpened() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = probe.getLocalPort();
        }
        try (CapturedLog log = CapturedLog.atDebug();
             HttpStorageApi refused = new HttpStorageApi(config("http://127.0.0.1:" + closedPort))) {
            assertThatThrownBy(() -> refused.exportAsync("in.c-main.orders", Map.of()))
                    .isInstanceOf(KeboolaException.class)
                    .hasMessageContaining("Connect");
            assertThat(log.lines()).filteredOn(line -> line.contains("retry ")).hasSize(3);
        }
    }

    @Test
    void tokenNeverReachesLogsOrExceptions() {
        server.then(Reply.json(200, "{\"id\":\"1\",\"token\":\"" + TOKEN + "\",\"owner\":{\"id\":1}}"))
              .then(Reply.json(502, "{\"error\":\"bad gateway\"}"))
              .then(Reply.json(404, "{\"error\":\"not found\",\"code\":\"storage.tables.notFound\"}"));
        String messages;
        String logText;
        try (CapturedLog log = CapturedLog.atDebug()) {
            api.verifyToken();
            KeboolaException error = org.junit.jupiter.api.Assertions.assertThrows(KeboolaException.class,
                    () -> api.getTable("in.c-main.orders"));
            messages = error.getMessage() + error;
            logText = log.text();
        }

        assertThat(logText).contains("org.apache.hc.client5.http.headers", "X-StorageApi-Token: xxxxxx"); // header log was on
        assertThat(logText).doesNotContain(TOKEN);
        assertThat(messages).doesNotContain(TOKEN);
        assertThat(api.toString()).doesNotContain(TOKEN);
    }

    private JsonNode accepted(long id) {
        return mapper.createObjectNode().put("id", id).put("status", "waiting").put("tableId", "in.c-main.orders");
    }
}
