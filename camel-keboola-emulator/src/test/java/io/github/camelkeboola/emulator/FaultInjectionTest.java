package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @AfterEach
    void disarm() {
        KEBOOLA.emulator().faults().clear();
    }

    @Test
    void statusFaultAnswersOnceThenTheApiWorks() {
        FaultInjector.Rule rule = KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/tokens/verify$", Fault.status(502), 1);
        ApiClient.Response failed = api().get("/v2/storage/tokens/verify");
        assertEquals(502, failed.status());
        assertEquals("error", failed.json().get("status").asText());
        assertEquals(200, api().get("/v2/storage/tokens/verify").status());
        assertEquals(1, rule.hits());
    }

    @Test
    void maintenanceIs503WithRetryAfterAndMaintenanceBody() {
        KEBOOLA.emulator().faults().inject(FaultTarget.API, null, "/buckets", Fault.maintenance(Duration.ofSeconds(7)), 2);
        for (int i = 0; i < 2; i++) {
            ApiClient.Response r = api().get("/v2/storage/buckets");
            assertEquals(503, r.status());
            assertEquals("7", r.headers().firstValue("Retry-After").orElse(null));
            JsonNode body = r.json();
            assertEquals("maintenance", body.get("status").asText());
            assertTrue(body.get("reason").isTextual());
            assertTrue(body.get("estimatedEndTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00"));
        }
        assertEquals(200, api().get("/v2/storage/buckets").status());
    }

    @Test
    void delaySlowsTheResponse() {
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/tokens/verify$", Fault.delay(Duration.ofMillis(700)), 1);
        long start = System.nanoTime();
        assertEquals(200, api().get("/v2/storage/tokens/verify").status());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() >= 700);
    }

    @Test
    void cutBodyDropsTheConnectionMidBody() throws IOException {
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/tokens/verify$", Fault.cutBody(10), 1);
        URI uri = URI.create(KEBOOLA.emulator().baseUrl());
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET /v2/storage/tokens/verify HTTP/1.1\r\nHost: localhost\r\nX-StorageApi-Token: "
                    + KEBOOLA.emulator().token() + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int headerEnd = response.indexOf("\r\n\r\n");
            long declared = Long.parseLong(response.replaceAll("(?s).*[Cc]ontent-[Ll]ength: (\\d+).*", "$1"));
            assertEquals(10, response.length() - headerEnd - 4, "only 10 body bytes arrive before the connection closes");
            assertTrue(declared > 10);
        }
        // A client reading the body sees the cut as an I/O error; the next request works.
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "GET", "/tokens/verify$", Fault.cutBody(10), 1);
        assertThrows(java.io.UncheckedIOException.class, () -> api().get("/v2/storage/tokens/verify"));
        assertEquals(200, api().get("/v2/storage/tokens/verify").status());
    }

    @Test
    void failJobEndsTheCreatedJobInError() {
        api().postJson("/v2/storage/buckets", Map.of("name", "faults"));
        api().postForm("/v2/storage/buckets/in.c-faults/tables", "name", "t", "dataString", "a\n1\n");
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "DELETE", "/tables/", Fault.failJob(null, null), 1);
        JsonNode job = api().waitForJob(api().delete("/v2/storage/tables/in.c-faults.t"));
        assertEquals("error", job.get("status").asText());
        assertTrue(job.at("/error/code").isTextual());
        assertEquals(200, api().get("/v2/storage/tables/in.c-faults.t").status());
    }

    @Test
    void adminEndpointArmsAndDisarmsFaults() {
        ApiClient admin = api().withToken(null);
        ApiClient.Response armed = admin.postJson("/_emulator/faults", Map.of("method", "GET", "path", "/buckets$",
                "kind", "STATUS", "status", 500, "times", -1));
        assertEquals(201, armed.status(), armed.toString());
        assertEquals(500, api().get("/v2/storage/buckets").status());
        assertEquals(500, api().get("/v2/storage/buckets").status());
        assertEquals(204, admin.delete("/_emulator/faults").status());
        assertEquals(200, api().get("/v2/storage/buckets").status());

        admin.postJson("/_emulator/faults", Map.of("path", "/tokens/verify$", "kind", "MAINTENANCE", "durationMillis", 3000));
        ApiClient.Response maintenance = api().get("/v2/storage/tokens/verify");
        assertEquals(503, maintenance.status());
        assertEquals("3", maintenance.headers().firstValue("Retry-After").orElse(null));
        assertEquals(400, admin.postJson("/_emulator/faults", Map.of("kind", "NOPE")).status());
    }

    @Test
    void fileStorageFaultsUseTheSameInjector() {
        KEBOOLA.emulator().faults().inject(FaultTarget.FILE_STORAGE, "PUT", ".*", Fault.status(503), 1);
        api().postJson("/v2/storage/buckets", Map.of("name", "fsfaults"));
        io.github.camelkeboola.emulator.api.Tables tables = new io.github.camelkeboola.emulator.api.Tables(api());
        // The SDK retries the 503 and the upload succeeds; the rule was hit by the storage server.
        assertEquals(1, tables.create("in.c-fsfaults", "t", "a\n1\n", null).get("rowsCount").asLong());
    }

    @Test
    void acceptThenStatusCreatesTheJobAndAnswersLikeAGateway() {
        api().postJson("/v2/storage/buckets", Map.of("name", "accepted"));
        api().postForm("/v2/storage/buckets/in.c-accepted/tables", "name", "t", "dataString", "a\n1\n");
        FaultInjector.Rule rule = KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/export-async$",
                Fault.acceptThenStatus(504), 1);

        ApiClient.Response answer = api().withRunId("run-java-504").postJson("/v2/storage/tables/in.c-accepted.t/export-async", Map.of());

        assertEquals(504, answer.status());
        assertTrue(answer.headers().firstValue("Content-Type").orElse("").startsWith("text/html"), answer.toString());
        assertTrue(answer.body().contains("504 Gateway Time-out"));
        assertEquals(1, rule.hits());
        assertEquals(1, jobsWithRunId("run-java-504"), "the request took effect: its job exists");
    }

    @Test
    void adminEndpointArmsAcceptThenStatus() {
        api().postJson("/v2/storage/buckets", Map.of("name", "acceptedadmin"));
        api().postForm("/v2/storage/buckets/in.c-acceptedadmin/tables", "name", "t", "dataString", "a\n1\n");
        ApiClient.Response armed = api().withToken(null).postJson("/_emulator/faults", Map.of("method", "POST",
                "path", "/export-async$", "kind", "ACCEPT_THEN_STATUS", "status", 502));
        assertEquals(201, armed.status(), armed.toString());

        ApiClient.Response answer = api().withRunId("run-admin-502").postJson("/v2/storage/tables/in.c-acceptedadmin.t/export-async", Map.of());

        assertEquals(502, answer.status());
        assertEquals(1, jobsWithRunId("run-admin-502"));
        assertEquals(202, api().withRunId("run-admin-next").postJson("/v2/storage/tables/in.c-acceptedadmin.t/export-async", Map.of()).status());
    }

    /** As the official clients find a run's jobs: the jobs list (newest first) filtered on runId. */
    private static long jobsWithRunId(String runId) {
        JsonNode jobs = api().get("/v2/storage/jobs?limit=100").json();
        long count = 0;
        for (JsonNode job : jobs) {
            count += runId.equals(job.path("runId").asText()) ? 1 : 0;
        }
        return count;
    }
}
