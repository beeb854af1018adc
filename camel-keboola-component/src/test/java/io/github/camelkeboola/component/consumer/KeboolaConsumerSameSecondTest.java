package io.github.camelkeboola.component.consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.db.LastImportDate;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The table detail has second resolution: an upsert that keeps {@code rowsCount} and commits in the second of the
 * detail the consumer just read leaves that detail exactly as it was. The consumer must still deliver it. Real clock
 * (the API's {@code Date} header and its stamps agree). Each attempt loads at the start of a second, upserts as soon
 * as the consumer has read the detail after the load, and counts only when the detail really came out identical (on
 * a heavily loaded machine an upload alone can take longer than a second; then no attempt counts and the test is
 * skipped, saying so).
 */
class KeboolaConsumerSameSecondTest extends ConsumerTestSupport {

    private static final int ATTEMPTS = 6;

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
        start(uri(emulator, tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.distinctRows().contains("1=new"));
        FaultInjector.Rule detailReads = emulator.faults().inject(FaultTarget.API, "GET",
                "/tables/" + tableId.replace(".", "\\.") + "$", Fault.delay(Duration.ZERO), -1);

        int identical = 0;
        for (int attempt = 0; attempt < ATTEMPTS && identical < 2; attempt++) {
            await().pollInterval(Duration.ofMillis(5)).until(() -> Instant.now().getNano() < 50_000_000);
            writer.upsert(tableId, "id,status\n1,loaded" + attempt + "\n");
            JsonNode loaded = writer.table(tableId);
            long readsBefore = detailReads.hits();
            await().pollInterval(Duration.ofMillis(5)).until(() -> detailReads.hits() > readsBefore);
            writer.upsert(tableId, "id,status\n2,upserted" + attempt + "\n");   // same rowsCount
            String seen = "1=loaded" + attempt;
            await().until(() -> delivered.distinctRows().contains(seen));
            if (!sameDetail(loaded, writer.table(tableId))) {
                continue;                                                      // crossed into the next second
            }
            identical++;
            String upserted = "2=upserted" + attempt;
            await().atMost(Duration.ofSeconds(20)).until(() -> delivered.distinctRows().contains(upserted));
        }
        assumeTrue(identical > 0, "no attempt fitted the load, the consumer's read and the upsert into one second");
    }

    private static boolean sameDetail(JsonNode before, JsonNode after) {
        return before.path("lastImportDate").equals(after.path("lastImportDate"))
               && before.path("lastChangeDate").equals(after.path("lastChangeDate"))
               && before.path("rowsCount").equals(after.path("rowsCount"));
    }
}
