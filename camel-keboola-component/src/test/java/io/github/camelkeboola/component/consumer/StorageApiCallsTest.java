package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Storage API call once per export (issue: the control plane reads each thing once): {@code POST export-async},
 * the job polled until it ends (never read again afterwards), {@code GET files/{id}}, and the table detail once: by
 * the consumer for its window and the slices' header (and once before, when the change is under two seconds old), by
 * the producer only for the header. Counted at the emulator,
 * one export or one poll at a time.
 */
class StorageApiCallsTest extends ConsumerTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private TableWriter writer;
    private String tableId;
    private Counts counts;

    @BeforeEach
    void createTable() {
        writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
        tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n2,new\n3,new\n");
    }

    @AfterEach
    void close() throws Exception {
        KEBOOLA.emulator().faults().clear();
        writer.close();
    }

    @Test
    void producerExportCallsEachOnce() throws Exception {
        try (CamelContext context = new DefaultCamelContext()) {
            context.start();
            ProducerTemplate template = context.createProducerTemplate();
            counts = new Counts(KEBOOLA.emulator().faults(), tableId);
            String csv = template.requestBody(uri(KEBOOLA.emulator(), tableId, "operation=exportTable"), null, String.class);
            assertEquals(4, csv.lines().count());
        }
        counts.assertExport(1, "producer exportTable (detail only to head the slices)");
    }

    @Test
    void consumerPollWithChangesCallsEachOnceAndAnIdlePollOnlyReadsTheDetail() throws Exception {
        MemoryStateRepository cursor = new MemoryStateRepository();
        cursor.start();   // started here, so the first consumer does not stop (and empty) it
        // one poll each: at start, the next one an hour later
        String uri = uri(KEBOOLA.emulator(), tableId, "outputType=rows&stateRepository=#cursor&stateKey=k")
                .replace("&delay=100&", "&delay=3600000&");
        counts = new Counts(KEBOOLA.emulator().faults(), tableId);
        Delivered delivered = new Delivered();
        CamelContext first = start(uri, delivered, Map.of("cursor", cursor));
        await().until(() -> delivered.size() == 3 && cursor.getState("k") != null);
        first.stop();
        // the detail is read once for the window and the header, and once more first when the change is under two
        // seconds old (DetailRead waits for its second to pass)
        counts.assertExport(2, "consumer poll with changes");

        counts = new Counts(KEBOOLA.emulator().faults(), tableId);
        CamelContext second = start(uri, new Delivered(), Map.of("cursor", cursor));
        await().until(() -> String.valueOf(consumer(second).getLastPollOutcome()).startsWith("idle"));
        second.stop();
        assertEquals("detail 1, export-async 0, job polls 0, file 0", counts.describe(), "idle poll");
        System.out.println("Storage API calls per idle consumer poll: " + counts.describe());
    }

    /** Counters of the calls of one table's export, armed as pass-through rules of the emulator. */
    private static final class Counts {
        final FaultInjector.Rule detail;
        final FaultInjector.Rule export;
        final FaultInjector.Rule jobs;
        final FaultInjector.Rule files;

        Counts(FaultInjector faults, String tableId) {
            faults.clear();
            Fault pass = Fault.delay(Duration.ZERO);
            detail = faults.inject(FaultTarget.API, "GET", "/tables/" + tableId.replace(".", "\\.") + "$", pass, -1);
            export = faults.inject(FaultTarget.API, "POST", "/tables/" + tableId.replace(".", "\\.") + "/export-async$", pass, -1);
            jobs = faults.inject(FaultTarget.API, "GET", "/jobs/\\d+$", pass, -1);
            files = faults.inject(FaultTarget.API, "GET", "/files/\\d+$", pass, -1);
        }

        /** Exactly one export; the detail read at least once and at most {@code maxDetailReads} times. */
        void assertExport(int maxDetailReads, String what) {
            assertEquals(1, export.hits(), what + ": " + describe());
            assertEquals(1, files.hits(), what + ": " + describe());
            assertTrue(detail.hits() >= 1 && detail.hits() <= maxDetailReads, what + ": " + describe());
            // the job is polled until it ends: the emulator reveals one state per poll (waiting, processing, success)
            assertTrue(jobs.hits() >= 1, what + ": " + describe());
            System.out.println("Storage API calls per " + what + ": " + describe());
        }

        String describe() {
            return "detail " + detail.hits() + ", export-async " + export.hits() + ", job polls " + jobs.hits() + ", file "
                   + files.hits();
        }
    }
}
