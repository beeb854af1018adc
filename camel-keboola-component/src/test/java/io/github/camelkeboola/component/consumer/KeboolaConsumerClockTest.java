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

/**
 * Second granularity, with the emulator's clock under the test's control: a window starts at the {@code lastImportDate}
 * read before the previous export, inclusive, so rows of the current second are delivered at once and the rows of
 * that second come again with the next change (an import may have started in it and not committed yet).
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
    void rowsOfTheCurrentSecondArriveAtOnceAndTheirSecondIsReadAgainWithTheNextChange() throws Exception {
        String tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n2,new\n");
        MemoryStateRepository cursor = new MemoryStateRepository();
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(emulator, tableId, "outputType=rows&stateRepository=#cursor&stateKey=k"),
                delivered, Map.of("cursor", cursor));

        await().until(() -> delivered.size() == 2);
        assertEquals(List.of("1=new", "2=new"), sorted(delivered.rows()));
        assertEquals(null, delivered.all().get(0).since(), "the first window is the whole table");
        await().until(() -> cursor.getState("k") != null);
        assertEquals("since=" + T.getEpochSecond() + ",lastImportDate=" + T.getEpochSecond() + ",lastChangeDate="
                     + T.getEpochSecond() + ",rowsCount=2", cursor.getState("k"));
        awaitPolls(context, 3);
        assertEquals(2, delivered.size(), "an unchanged table is not read again");

        writer.upsert(tableId, "id,status\n3,new\n");   // same second: lastImportDate stays, rowsCount moves
        await().until(() -> delivered.size() == 5);
        assertEquals(List.of("1=new", "2=new", "3=new"), sorted(delivered.rows().subList(2, 5)),
                "the whole second again, with the new row");
        assertEquals(T.toString(), delivered.all().get(2).since());

        clock.set(T.plusSeconds(5));
        writer.upsert(tableId, "id,status\n2,paid\n");
        await().until(() -> delivered.size() == 8);
        assertEquals(List.of("1=new", "2=paid", "3=new"), sorted(delivered.rows().subList(5, 8)),
                "rows stamped in T, the previous lastImportDate, come again");
        awaitPolls(context, 3);
        clock.set(T.plusSeconds(9));
        writer.upsert(tableId, "id,status\n4,new\n");
        await().until(() -> delivered.size() == 10);
        assertEquals(List.of("2=paid", "4=new"), sorted(delivered.rows().subList(8, 10)),
                "from T+5 on: T is not read again");
        assertEquals(T.plusSeconds(5).toString(), delivered.all().get(8).since());

        awaitPolls(context, 3);
        assertEquals(10, delivered.size());
    }

    @Test
    void clockOfTheAppDoesNotMatter() throws Exception {
        // the emulator's clock is a day behind the app's: the windows follow the API's clock only
        clock.set(Instant.now().minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n");
        Delivered delivered = new Delivered();
        start(uri(emulator, tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.size() == 1);

        clock.set(clock.instant().plusSeconds(1));
        writer.upsert(tableId, "id,status\n1,paid\n");
        await().until(() -> delivered.size() == 2);
        assertEquals(List.of("1=new", "1=paid"), delivered.rows());
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
