package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.fault.CommitHolds;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.apache.camel.CamelContext;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The table detail has second resolution: an upsert that keeps {@code rowsCount} and commits in the second of the
 * detail the consumer just read leaves that detail exactly as it was. The consumer must still deliver it. Real clock
 * (the API's {@code Date} header and its stamps agree). Each attempt uploads a load and an upsert beforehand, starts
 * both at the start of a second and holds them at their commits: the load commits at once, the upsert as soon as the
 * consumer has read the detail after the load. An attempt counts only when the detail really came out identical (should no attempt fit into one
 * second on a very loaded machine, the test is skipped, saying so).
 */
class KeboolaConsumerSameSecondTest extends ConsumerTestSupport {

    private static final int ATTEMPTS = 6;
    private static final Duration HELD = Duration.ofSeconds(60);

    private KeboolaEmulator emulator;
    private TableWriter writer;

    @AfterEach
    void stopEmulator() throws Exception {
        stopContexts();
        writer.close();
        emulator.close();
    }

    @ParameterizedTest
    @EnumSource(LastImportDate.class)
    void upsertInTheSecondOfTheDetailTheConsumerReadIsDelivered(LastImportDate lastImportDate) throws Exception {
        emulator = KeboolaEmulator.builder().lastImportDate(lastImportDate).start();
        writer = new TableWriter(emulator.baseUrl(), emulator.token());
        String tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n2,new\n");
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(emulator, tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.distinctRows().contains("1=new"));
        FaultInjector.Rule detailReads = emulator.faults().inject(FaultTarget.API, "GET",
                "/tables/" + tableId.replace(".", "\\.") + "$", Fault.delay(Duration.ZERO), -1);

        int identical = 0;
        for (int attempt = 0; attempt < ATTEMPTS && identical < 2; attempt++) {
            long loadFile = writer.upload(tableId, "id,status\n1,loaded" + attempt + "\n");
            long upsertFile = writer.upload(tableId, "id,status\n2,upserted" + attempt + "\n");   // same rowsCount
            awaitIdle(context);
            await().pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().getNano() < 50_000_000);

            // held at their commits: the load commits at once, the upsert once the consumer has read the detail
            CommitHolds.Hold holdLoad = emulator.commitHolds().hold(tableId, 1);
            JsonNode load = writer.startUpsert(tableId, loadFile);
            holdLoad.awaitHeld(1, HELD);
            CommitHolds.Hold holdUpsert = emulator.commitHolds().hold(tableId, 1);
            JsonNode upsert = writer.startUpsert(tableId, upsertFile);
            holdLoad.release();
            holdUpsert.awaitHeld(1, HELD);   // imports run one after another: the load has committed
            long readsBefore = detailReads.hits();
            JsonNode loaded = writer.table(tableId);
            // the consumer's first read after the load's commit (counted as it arrives), if it comes soon: a read two
            // seconds later would be a settled one, which an upsert stamped earlier can still hide from (see the guide)
            awaitQuietly(Duration.ofMillis(700), () -> detailReads.hits() > readsBefore);
            holdUpsert.release();
            writer.finish(load);
            writer.finish(upsert);
            String seen = "1=loaded" + attempt;
            await().until(() -> delivered.distinctRows().contains(seen));
            if (!sameDetail(loaded, writer.table(tableId))) {
                continue;                                                      // crossed into the next second
            }
            identical++;
            String upserted = "2=upserted" + attempt;
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.distinctRows().contains(upserted));
        }
        assumeTrue(identical > 0, "no attempt fitted the commit, the consumer's read and the upsert's commit into one second");
    }

    private static void awaitQuietly(Duration atMost, Callable<Boolean> condition) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(5)).until(condition);
        } catch (ConditionTimeoutException e) {
            // go on without it: the attempt then only shows that the upsert is delivered
        }
    }

    private static boolean sameDetail(JsonNode before, JsonNode after) {
        return before.path("lastImportDate").equals(after.path("lastImportDate"))
               && before.path("lastChangeDate").equals(after.path("lastChangeDate"))
               && before.path("rowsCount").equals(after.path("rowsCount"));
    }
}
