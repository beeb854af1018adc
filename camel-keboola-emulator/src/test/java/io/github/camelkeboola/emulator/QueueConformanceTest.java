package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The emulated Queue API (QUEUE-API.md in the component's queue package) and its test control over HTTP. */
class QueueConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    private String queueUrl() {
        for (JsonNode service : api().withToken(null).get("/v2/storage").json().get("services")) {
            if ("queue".equals(service.get("id").asText())) {
                return service.get("url").asText();
            }
        }
        throw new AssertionError("no queue service in the index");
    }

    private String queuePath() {
        return queueUrl().substring(KEBOOLA.emulator().baseUrl().length());
    }

    private JsonNode finished(String id) {
        return await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api().get(queuePath() + "/jobs/" + id).json(), job -> job.get("isFinished").asBoolean());
    }

    @AfterEach
    void clear() {
        api().delete("/_emulator/queue-outcomes");
    }

    @Test
    void indexListsTheQueueServiceUnderItsOwnUrl() {
        assertEquals(KEBOOLA.emulator().baseUrl() + "/queue", queueUrl());
    }

    @Test
    void createdJobRunsToSuccessWithTheQueueShape() {
        ApiClient.Response created = api().withRunId("parent-1").postJson(queuePath() + "/jobs",
                Map.of("component", "keboola.orchestrator", "config", "123", "mode", "run", "configRowIds", List.of("a")));

        assertEquals(201, created.status(), created.toString());
        JsonNode job = created.json();
        String id = job.get("id").asText();
        assertTrue(job.get("id").isTextual());
        assertEquals("parent-1", job.get("parentRunId").asText());
        assertEquals("parent-1." + id, job.get("runId").asText());
        assertFalse(job.get("isFinished").asBoolean());
        assertEquals(queueUrl() + "/jobs/" + id, job.get("url").asText());
        JsonNode done = finished(id);
        assertEquals("success", done.get("status").asText());
        assertEquals("a", done.at("/configRowIds/0").asText());
        assertTrue(done.at("/result/message").isTextual());
        assertTrue(done.get("endTime").isTextual());
    }

    @Test
    void adminEndpointSetsTheNextOutcome() {
        ApiClient.Response armed = api().withToken(null).postJson("/_emulator/queue-outcomes",
                Map.of("status", "error", "message", "Config 9 is broken", "durationMillis", 100, "configId", "9"));
        assertEquals(201, armed.status(), armed.toString());

        String other = api().postJson(queuePath() + "/jobs", Map.of("component", "c", "config", "8")).json().get("id").asText();
        String broken = api().postJson(queuePath() + "/jobs", Map.of("component", "c", "config", "9")).json().get("id").asText();

        assertEquals("success", finished(other).get("status").asText());
        JsonNode failed = finished(broken);
        assertEquals("error", failed.get("status").asText());
        assertEquals("Config 9 is broken", failed.at("/result/message").asText());
    }

    @Test
    void killEndsARunningJobTerminated() {
        api().withToken(null).postJson("/_emulator/queue-outcomes", Map.of("status", "success", "durationMillis", 600_000));
        String id = api().postJson(queuePath() + "/jobs", Map.of("component", "c", "config", "long")).json().get("id").asText();
        assertEquals("processing", api().get(queuePath() + "/jobs/" + id).json().get("status").asText());

        assertEquals(200, api().postJson(queuePath() + "/jobs/" + id + "/kill", Map.of()).status());

        assertEquals("terminated", finished(id).get("status").asText());
    }

    @Test
    void searchFindsAJobByItsParentRunId() {
        String id = api().withRunId("parent-search").postJson(queuePath() + "/jobs", Map.of("component", "c", "config", "1"))
                .json().get("id").asText();

        JsonNode found = api().get(queuePath() + "/search/jobs?parentRunId=parent-search").json();
        JsonNode none = api().get(queuePath() + "/search/jobs?parentRunId=nobody").json();

        assertEquals(1, found.size());
        assertEquals(id, found.get(0).get("id").asText());
        assertEquals(0, none.size());
    }

    @Test
    void errorsHaveTheQueueShape() {
        ApiClient.Response missing = api().get(queuePath() + "/jobs/42");
        ApiClient.Response invalid = api().postJson(queuePath() + "/jobs", Map.of("config", "1"));
        ApiClient.Response anonymous = api().withToken(null).get(queuePath() + "/jobs/42");

        assertEquals(404, missing.status());
        assertEquals(404, missing.json().get("code").asInt());
        assertTrue(missing.json().get("exceptionId").isTextual());
        assertTrue(missing.json().get("error").asText().contains("42"));
        assertEquals(400, invalid.status());
        assertTrue(invalid.json().get("error").asText().contains("component"));
        assertEquals(401, anonymous.status());
    }
}
