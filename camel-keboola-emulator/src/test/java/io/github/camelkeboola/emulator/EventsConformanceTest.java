package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.Tables;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventsConformanceTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private static ApiClient api() {
        return new ApiClient(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
    }

    @Test
    void asyncCreateYieldsThreeTableEventsAndSinceIdTakesAUuid() {
        api().postJson("/v2/storage/buckets", Map.of("name", "ev"));
        new Tables(api()).create("in.c-ev", "t", "a\n1\n", null);
        JsonNode events = api().get("/v2/storage/tables/in.c-ev.t/events").json();
        assertEquals(3, events.size(), events.toString());
        assertEquals(List.of("storage.tableImportDone", "storage.tableImportStarted", "storage.tableCreated"),
                events.findValuesAsText("event"));
        JsonNode first = events.get(2);
        assertEquals("in.c-ev.t", first.get("objectId").asText());
        assertEquals("table", first.get("objectType").asText());
        assertTrue(first.get("uuid").isTextual());
        assertTrue(first.get("created").isTextual());

        JsonNode since = api().get("/v2/storage/tables/in.c-ev.t/events?sinceId=" + first.get("uuid").asText()).json();
        assertEquals(2, since.size());
        JsonNode asc = api().get("/v2/storage/tables/in.c-ev.t/events?sortOrder=asc&limit=1").json();
        assertEquals("storage.tableCreated", asc.get(0).get("event").asText());
        assertTrue(api().get("/v2/storage/buckets/in.c-ev/events").json().findValuesAsText("event").contains("storage.bucketCreated"));
        assertTrue(api().get("/v2/storage/events?limit=100").json().size() >= 4);
    }

    @Test
    void exportAndImportAreEvents() {
        api().postJson("/v2/storage/buckets", Map.of("name", "ev2"));
        Tables tables = new Tables(api());
        tables.create("in.c-ev2", "t", "a\n1\n", null);
        tables.export("in.c-ev2.t", Map.of());
        assertEquals("storage.tableExported", api().get("/v2/storage/tables/in.c-ev2.t/events?limit=1").json().get(0)
                .get("event").asText());
    }

    @Test
    void postedEventIsListed() {
        ApiClient.Response created = api().postJson("/v2/storage/events",
                Map.of("component", "my.component", "message", "hello", "type", "warn"));
        assertEquals(201, created.status(), created.toString());
        JsonNode event = api().get("/v2/storage/events/" + created.json().get("id").asText()).json();
        assertEquals("hello", event.get("message").asText());
        assertEquals("warn", event.get("type").asText());
        assertEquals("my.component", event.get("component").asText());
        assertEquals(400, api().postJson("/v2/storage/events", Map.of("component", "x", "message", "m", "type", "bad")).status());
    }
}
