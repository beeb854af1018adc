package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobsConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @BeforeAll
    static void table() {
        api().postJson("/v2/storage/buckets", Map.of("name", "jobs"));
        api().postForm("/v2/storage/buckets/in.c-jobs/tables", "name", "t", "dataString", "a\n1\n");
    }

    @Test
    void pollsSeeWaitingProcessingSuccessInOrder() {
        ApiClient.Response accepted = api().postJson("/v2/storage/tables/in.c-jobs.t/export-async", Map.of());
        JsonNode job = accepted.json();
        List<String> seen = new ArrayList<>(List.of(job.get("status").asText()));
        assertTrue(job.get("startTime").isNull());
        assertTrue(job.get("results").isNull());
        long id = job.get("id").asLong();
        while (!seen.get(seen.size() - 1).equals("success")) {
            JsonNode polled = api().get("/v2/storage/jobs/" + id).json();
            String status = polled.get("status").asText();
            if (!status.equals(seen.get(seen.size() - 1))) {
                seen.add(status);
            }
            if (status.equals("processing")) {
                assertTrue(polled.get("startTime").isTextual());
                assertTrue(polled.get("results").isNull());
                assertTrue(polled.get("endTime").isNull());
            }
            if (status.equals("success")) {
                assertTrue(polled.get("endTime").isTextual());
                assertTrue(polled.at("/results/file/id").isNumber());
            }
            assertTrue(seen.size() <= 3, seen.toString());
        }
        assertEquals(List.of("waiting", "processing", "success"), seen);
    }

    @Test
    void jobCarriesRunIdAndCreatorToken() {
        ApiClient.Response accepted = api().send("POST", "/v2/storage/tables/in.c-jobs.t/export-async",
                java.net.http.HttpRequest.BodyPublishers.ofString("{}"), "application/json");
        JsonNode job = api().waitForJob(accepted);
        assertEquals("tableExport", job.get("operationName").asText());
        assertEquals("in.c-jobs.t", job.get("tableId").asText());
        assertTrue(job.at("/creatorToken/id").isTextual() || job.at("/creatorToken/id").isNumber());
        assertTrue(job.get("createdTime").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}"));
    }

    @Test
    void failedJobHasErrorObjectAndHttp200() {
        KEBOOLA.emulator().faults().inject(FaultTarget.API, "POST", "/export-async$",
                Fault.failJob("storage.tableExportFailed", "boom"), 1);
        JsonNode job = api().waitForJob(api().postJson("/v2/storage/tables/in.c-jobs.t/export-async", Map.of()));
        assertEquals("error", job.get("status").asText());
        assertEquals("storage.tableExportFailed", job.at("/error/code").asText());
        assertEquals("boom", job.at("/error/message").asText());
        assertTrue(job.at("/error/exceptionId").asText().startsWith("keboola-connection-"));
        assertEquals(200, api().get("/v2/storage/jobs/" + job.get("id").asText()).status());
    }

    @Test
    void unknownJobIs404AndListShowsJobs() {
        ApiClient.Response missing = api().get("/v2/storage/jobs/999999999");
        assertEquals(404, missing.status());
        assertEquals("storage.jobs.notFound", missing.json().get("code").asText());
        api().waitForJob(api().postJson("/v2/storage/tables/in.c-jobs.t/export-async", Map.of()));
        JsonNode list = api().get("/v2/storage/jobs?limit=2").json();
        assertTrue(list.isArray());
        assertTrue(list.size() >= 1 && list.size() <= 2);
        assertTrue(list.get(0).has("operationName"));
    }

    @Test
    void listIsNewestFirstAndShowsEachJobsRunIdAsTheClientsFindThem() {
        // the official clients have no runId filter on GET jobs: they list and match runId (PHP tests listJobsByRunId)
        api().withRunId("run-older").postJson("/v2/storage/tables/in.c-jobs.t/export-async", Map.of());
        api().withRunId("run-newer").postJson("/v2/storage/tables/in.c-jobs.t/export-async", Map.of());

        JsonNode firstPage = api().get("/v2/storage/jobs?limit=1&offset=0").json();
        JsonNode secondPage = api().get("/v2/storage/jobs?limit=1&offset=1").json();

        assertEquals("run-newer", firstPage.get(0).get("runId").asText());
        assertEquals("run-older", secondPage.get(0).get("runId").asText());
        assertTrue(firstPage.get(0).get("id").asLong() > secondPage.get(0).get("id").asLong());
    }
}
