package io.github.camelkeboola.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.api.ApiClient;
import io.github.camelkeboola.emulator.api.Tables;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.fault.CommitHolds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * An import as Keboola runs it (contract §6, §11): its rows are stamped with the second it starts, they and the
 * table detail's {@code lastImportDate}, {@code lastChangeDate} and {@code rowsCount} become visible when it commits,
 * and imports into one table run one after another. A {@link CommitHolds} hold keeps an import between the two.
 */
class ImportCommitConformanceTest {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ManualClock clock = new ManualClock(T);
    private KeboolaEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.commitHolds().releaseAll();
            emulator.close();
        }
    }

    @Test
    void heldImportIsStampedAtItsStartAndVisibleOnlyAtItsCommit() throws Exception {
        ApiClient api = start(LastImportDate.START);
        CommitHolds.Hold hold = emulator.commitHolds().hold("in.c-held.t", 1);
        clock.set(T.plusSeconds(5));
        ApiClient.Response first = importRows(api, "id,v\n3,c\n4,d\n");
        hold.awaitHeld(1, WAIT);

        clock.set(T.plusSeconds(10));
        ApiClient.Response second = importRows(api, "id,v\n5,e\n");
        JsonNode detail = detail(api);
        assertEquals(2, detail.get("rowsCount").asLong(), "the held import's rows are not counted yet");
        assertEquals(time(T), detail.get("lastImportDate").asText());
        assertEquals(time(T), detail.get("lastChangeDate").asText());
        assertEquals("\"id\",\"v\"\n", preview(api, "?changedSince=" + T.plusSeconds(5).getEpochSecond()),
                "its rows are stamped already but not visible");
        assertEquals("waiting", job(api, second).get("status").asText(), "the next import into the table queues behind it");
        assertEquals("waiting", job(api, second).get("status").asText());

        hold.release();
        api.jobResults(first);
        api.jobResults(second);
        assertEquals("\"id\",\"v\"\n\"3\",\"c\"\n\"4\",\"d\"\n",
                preview(api, "?changedSince=" + T.plusSeconds(5).getEpochSecond() + "&changedUntil="
                             + T.plusSeconds(6).getEpochSecond() + "&orderBy[0][column]=id"),
                "stamped with the second the import started, not the one it committed");
        assertEquals("\"id\",\"v\"\n\"5\",\"e\"\n", preview(api, "?changedSince=" + T.plusSeconds(10).getEpochSecond()),
                "the queued import started (and stamped its rows) after the first committed");
        assertEquals(5, detail(api).get("rowsCount").asLong());
        assertEquals(time(T.plusSeconds(10)), detail(api).get("lastImportDate").asText(), "START: the last import's start");
    }

    @Test
    void lastImportDateCanShowTheCommit() throws Exception {
        ApiClient api = start(LastImportDate.COMMIT);
        CommitHolds.Hold hold = emulator.commitHolds().hold("in.c-held.t", 1);
        clock.set(T.plusSeconds(5));
        ApiClient.Response held = importRows(api, "id,v\n3,c\n");
        hold.awaitHeld(1, WAIT);
        clock.set(T.plusSeconds(9));
        hold.release();
        api.jobResults(held);

        JsonNode detail = detail(api);
        assertEquals(time(T.plusSeconds(9)), detail.get("lastImportDate").asText());
        assertEquals(time(T.plusSeconds(9)), detail.get("lastChangeDate").asText());
        assertEquals("\"id\",\"v\"\n\"3\",\"c\"\n", preview(api, "?changedSince=" + T.plusSeconds(5).getEpochSecond()
                                                             + "&changedUntil=" + T.plusSeconds(6).getEpochSecond()));
    }

    @Test
    void adminEndpointHoldsListsAndReleases() {
        ApiClient api = start(LastImportDate.START);
        ApiClient admin = new ApiClient(emulator.baseUrl(), null);
        ApiClient.Response armed = admin.postJson("/_emulator/commit-holds", Map.of("tableId", "in.c-held.t", "times", 1));
        assertEquals(201, armed.status(), armed.toString());
        long id = armed.json().get("id").asLong();

        ApiClient.Response held = importRows(api, "id,v\n3,c\n");
        await().atMost(WAIT).until(() -> admin.get("/_emulator/commit-holds").json().at("/holds/0/waiting").asInt() == 1);
        assertEquals(2, detail(api).get("rowsCount").asLong());

        assertEquals(404, admin.delete("/_emulator/commit-holds/" + (id + 100)).status());
        assertEquals(204, admin.delete("/_emulator/commit-holds/" + id).status());
        api.jobResults(held);
        assertEquals(3, detail(api).get("rowsCount").asLong());
        assertEquals(0, admin.get("/_emulator/commit-holds").json().get("holds").size());
    }

    @Test
    void holdWithADurationCommitsByItself() {
        ApiClient api = start(LastImportDate.START);
        emulator.commitHolds().hold("in.c-held.t", 1, Duration.ofMillis(200));
        api.jobResults(importRows(api, "id,v\n3,c\n"));
        assertEquals(3, detail(api).get("rowsCount").asLong());
    }

    private ApiClient start(LastImportDate lastImportDate) {
        emulator = KeboolaEmulator.builder().clock(clock).lastImportDate(lastImportDate).start();
        ApiClient api = new ApiClient(emulator.baseUrl(), emulator.token());
        assertEquals(201, api.postJson("/v2/storage/buckets", Map.of("name", "held")).status());
        new Tables(api).create("in.c-held", "t", "id,v\n1,a\n2,b\n", null);
        return api;
    }

    private static ApiClient.Response importRows(ApiClient api, String csv) {
        long fileId = new Tables(api).upload(csv);
        ApiClient.Response accepted = api.postJson("/v2/storage/tables/in.c-held.t/import-async",
                Map.of("dataFileId", fileId, "incremental", true));
        assertEquals(202, accepted.status(), accepted.toString());
        return accepted;
    }

    private static JsonNode detail(ApiClient api) {
        return api.get("/v2/storage/tables/in.c-held.t").json();
    }

    private static JsonNode job(ApiClient api, ApiClient.Response accepted) {
        return api.get("/v2/storage/jobs/" + accepted.json().get("id").asLong()).json();
    }

    private static String preview(ApiClient api, String query) {
        ApiClient.Response r = api.get("/v2/storage/tables/in.c-held.t/data-preview" + query);
        assertEquals(200, r.status(), r.toString());
        return r.body();
    }

    private static String time(Instant instant) {
        return instant.toString().replace("Z", "+0000");
    }
}
