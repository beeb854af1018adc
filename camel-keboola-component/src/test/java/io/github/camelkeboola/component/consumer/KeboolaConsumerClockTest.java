package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.ManualClock;
import org.apache.camel.CamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Second granularity, with the emulator's clock under the test's control: rows stamped in a second that has not
 * ended may still be joined by more rows in that second, so the consumer delivers them only once the API's clock has
 * moved past it; then it delivers each of them once.
 */
class KeboolaConsumerClockTest extends ConsumerTestSupport {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");

    private final ManualClock clock = new ManualClock(T);
    private KeboolaEmulator emulator;
    private TableWriter writer;

    @BeforeEach
    void startEmulator() {
        emulator = KeboolaEmulator.builder().clock(clock).start();
        writer = new TableWriter(emulator.baseUrl(), emulator.token());
    }

    @AfterEach
    void stopEmulator() throws Exception {
        writer.close();
        emulator.close();
    }

    @Test
    void rowsOfTheCurrentSecondWaitUntilItEndsThenArriveOnce() throws Exception {
        String tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n2,new\n");
        MemoryStateRepository cursor = new MemoryStateRepository();
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(emulator, tableId, "outputType=rows&stateRepository=#cursor&stateKey=k"),
                delivered, Map.of("cursor", cursor));

        awaitPolls(context, 3);
        assertEquals(0, delivered.size(), "the second of the last import has not ended");
        assertEquals(Long.toString(T.getEpochSecond()), cursor.getState("k"),
                "everything before that second was read (nothing), so the cursor moved to it");

        writer.upsert(tableId, "id,status\n3,new\n");   // same second, after the consumer's exports
        awaitPolls(context, 3);
        assertEquals(0, delivered.size());

        clock.set(T.plusSeconds(1));
        await().until(() -> delivered.size() == 3);
        assertEquals(List.of("1=new", "2=new", "3=new"), sorted(delivered.rows()));
        assertEquals(Long.toString(T.getEpochSecond() + 1), cursor.getState("k"));

        clock.set(T.plusSeconds(5));
        writer.upsert(tableId, "id,status\n2,paid\n");
        clock.set(T.plusSeconds(6));
        await().until(() -> delivered.size() == 4);
        assertEquals("2=paid", delivered.rows().get(3));
        // a poll between the import and the clock's move reads [T+1, T+5) (empty) first
        assertTrue(List.of(T.plusSeconds(1).toString(), T.plusSeconds(5).toString()).contains(delivered.all().get(3).since()));
        assertEquals(T.plusSeconds(6).toString(), delivered.all().get(3).until());

        awaitPolls(context, 3);
        assertEquals(4, delivered.size(), "each row once");
    }

    @Test
    void clockOfTheAppDoesNotMatter() throws Exception {
        // the emulator's clock is a day behind the app's: the windows follow the API's clock only
        clock.set(Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n");
        Delivered delivered = new Delivered();
        start(uri(emulator, tableId, "outputType=rows"), delivered, Map.of());
        clock.set(clock.instant().plusSeconds(1));
        await().until(() -> delivered.size() == 1);

        writer.upsert(tableId, "id,status\n1,paid\n");
        clock.set(clock.instant().plusSeconds(1));
        await().until(() -> delivered.size() == 2);
        assertEquals(List.of("1=new", "1=paid"), delivered.rows());
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
