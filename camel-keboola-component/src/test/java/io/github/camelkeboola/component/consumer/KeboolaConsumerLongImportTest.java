package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.ManualClock;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.fault.CommitHolds;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Imports as Keboola runs them (contract §6, §11): rows stamped with the second the import starts, visible only when
 * it commits, imports into one table one after another. The emulator's commit holds make an import take as long as
 * the test needs, its clock decides the seconds, and each case runs with {@code lastImportDate} showing the import's
 * start and its commit. Each asserts that every row of the table was delivered (duplicates allowed).
 */
class KeboolaConsumerLongImportTest extends ConsumerTestSupport {

    private static final Instant T = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration HELD = Duration.ofSeconds(60);

    private final ManualClock clock = new ManualClock(T);
    private KeboolaEmulator emulator;
    private TableWriter writer;

    @AfterEach
    void stopEmulator() throws Exception {
        stopContexts();
        emulator.commitHolds().releaseAll();
        writer.close();
        emulator.close();
    }

    @ParameterizedTest
    @EnumSource(LastImportDate.class)
    void longImportThatCommitsAfterTwoPollsIsDelivered(LastImportDate lastImportDate) throws Exception {
        String tableId = startEmulator(lastImportDate);
        writer.create(tableId, "id,status\n1,new\n2,new\n3,new\n");
        clock.set(T.plusSeconds(1));
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(emulator, tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.distinctRows().equals(rows(1, 3, "new")));

        // an import, and in the same second a long one: its rows are stamped now, visible seconds later
        clock.set(T.plusSeconds(5));
        writer.upsert(tableId, "id,status\n4,new\n");
        CommitHolds.Hold hold = emulator.commitHolds().hold(tableId, 1);
        JsonNode longImport = writer.startUpsert(tableId, rowsCsv(5, 200, "new"));
        hold.awaitHeld(1, HELD);
        clock.set(T.plusSeconds(8));
        awaitFinishedPolls(context, 2);

        hold.release();
        writer.finish(longImport);
        clock.set(T.plusSeconds(9));
        await().until(() -> delivered.distinctRows().containsAll(rows(1, 200, "new")));
    }

    @ParameterizedTest
    @EnumSource(LastImportDate.class)
    void importsInOneSecondAndALongOneCommittingSecondsLaterAndAThirdAreAllDelivered(LastImportDate lastImportDate)
            throws Exception {
        String tableId = startEmulator(lastImportDate);
        writer.create(tableId, "id,status\n1,new\n");
        clock.set(T.plusSeconds(1));
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(emulator, tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.distinctRows().contains("1=new"));

        clock.set(T.plusSeconds(10));
        writer.upsert(tableId, "id,status\n2,new\n");
        awaitFinishedPolls(context, 2);
        CommitHolds.Hold hold = emulator.commitHolds().hold(tableId, 1);
        JsonNode longImport = writer.startUpsert(tableId, rowsCsv(3, 100, "new"));   // same second, held
        hold.awaitHeld(1, HELD);
        awaitFinishedPolls(context, 2);
        clock.set(T.plusSeconds(11));
        awaitFinishedPolls(context, 2);

        clock.set(T.plusSeconds(14));                    // commits seconds after it started
        hold.release();
        writer.finish(longImport);
        awaitFinishedPolls(context, 2);
        clock.set(T.plusSeconds(17));                    // a third import a few seconds later
        writer.upsert(tableId, "id,status\n2,paid\n101,new\n");

        SortedSet<String> expected = rows(3, 101, "new");
        expected.add("1=new");
        expected.add("2=paid");
        await().until(() -> delivered.distinctRows().containsAll(expected));
        assertTrue(delivered.distinctRows().contains("2=new"), "the first import of the second was delivered too");
    }

    private String startEmulator(LastImportDate lastImportDate) {
        emulator = KeboolaEmulator.builder().clock(clock).lastImportDate(lastImportDate).start();
        writer = new TableWriter(emulator.baseUrl(), emulator.token());
        return newTableId();
    }

    /** Waits until {@code polls} more polls have ended: one more has started (a consumer polls one at a time). */
    private static void awaitFinishedPolls(CamelContext context, int polls) {
        awaitPolls(context, polls + 1);
    }

    private static String rowsCsv(int from, int to, String status) {
        StringBuilder csv = new StringBuilder("id,status\n");
        for (int id = from; id <= to; id++) {
            csv.append(id).append(',').append(status).append('\n');
        }
        return csv.toString();
    }

    private static SortedSet<String> rows(int from, int to, String status) {
        SortedSet<String> rows = new TreeSet<>();
        for (int id = from; id <= to; id++) {
            rows.add(id + "=" + status);
        }
        return rows;
    }
}
