package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.component.api.ChangeTimes;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer through routes against the emulator, with the system clock. */
class KeboolaConsumerTest extends ConsumerTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private TableWriter writer;
    private String tableId;

    @BeforeEach
    void createTable() {
        writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
        tableId = newTableId();
        writer.create(tableId, "id,status\n1,new\n2,new\n3,new\n");
    }

    @AfterEach
    void closeWriter() throws Exception {
        KEBOOLA.emulator().faults().clear();
        writer.close();
    }

    @Test
    void firstPollDeliversTheTableThenOnlyWhatChanged() throws Exception {
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows"), delivered, Map.of());

        await().until(() -> delivered.size() == 3);
        assertEquals(List.of("1=new", "2=new", "3=new"), sorted(delivered.rows()));
        Delivered.Delivery first = delivered.all().get(0);
        assertEquals(tableId, first.tableId());
        assertEquals(null, first.since(), "the whole table");
        assertEquals(null, first.until(), "no upper bound");
        assertNotNull(first.jobId());
        assertTrue(first.changeKey().startsWith(tableId + ":"));
        Instant created = lastImport(tableId);
        awaitIdle(context);
        int beforeChange = delivered.size();   // 6 when the first detail was read in the create's second

        writer.upsert(tableId, "id,status\n2,paid\n4,new\n");
        await().until(() -> delivered.distinctRows().containsAll(List.of("2=paid", "4=new")));
        awaitIdle(context);
        List<Delivered.Delivery> second = delivered.all().subList(beforeChange, delivered.size());
        assertEquals(created.toString(), second.get(0).since(),
                "the next window starts at the lastImportDate read before the first export, inclusive");
        // with the changes come the rows still stamped in the second of the create: read again, never skipped
        assertEquals(List.of("1=new", "2=paid", "3=new", "4=new"), sorted(List.copyOf(Set.copyOf(second.stream()
                .map(d -> d.row().get("id") + "=" + d.row().get("status")).toList()))));
        int afterChange = delivered.size();
        awaitPolls(context, 5);
        assertEquals(afterChange, delivered.size(), "an unchanged table is not read again");
    }

    @Test
    void idlePollReadsTheTableAndMakesNoExport() throws Exception {
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.size() >= 3);
        awaitIdle(context);

        FaultInjector faults = KEBOOLA.emulator().faults();
        FaultInjector.Rule exports = faults.inject(FaultTarget.API, "POST", "/export-async$", Fault.delay(Duration.ZERO), -1);
        FaultInjector.Rule details = faults.inject(FaultTarget.API, "GET", "/tables/" + tableId + "$",
                Fault.delay(Duration.ZERO), -1);
        awaitPolls(context, 5);
        // a poll is counted when it starts: wait for the detail reads themselves, then look at the exports
        await().until(() -> details.hits() >= 5);
        assertEquals(0, exports.hits(), "idle polls export nothing");

        writer.upsert(tableId, "id,status\n5,new\n");
        await().until(() -> delivered.distinctRows().contains("5=new"));
        assertTrue(exports.hits() >= 1);
    }

    @Test
    void streamOutputDeliversOneCsvPerWindow() throws Exception {
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(KEBOOLA.emulator(), tableId, ""), delivered, Map.of());

        await().until(() -> delivered.size() >= 1);
        Delivered.Delivery first = delivered.all().get(0);
        List<String> lines = ((String) first.body()).lines().toList();
        assertEquals("\"id\",\"status\"", lines.get(0), "header row first");
        assertEquals(List.of("\"1\",\"new\"", "\"2\",\"new\"", "\"3\",\"new\""), sorted(lines.subList(1, lines.size())));
        long created = lastImport(tableId).getEpochSecond();
        assertTrue(first.changeKey().matches(Pattern.quote(tableId + "@-" + created + "/" + created + "/3") + "(/unsettled)?"),
                "<since>-<lastImportDate>/<lastChangeDate>/<rowsCount> of the window: " + first.changeKey());
        awaitIdle(context);
        int beforeChange = delivered.size();

        writer.upsert(tableId, "id,status\n3,shipped\n");
        await().until(() -> delivered.size() > beforeChange);
        Delivered.Delivery second = delivered.all().get(beforeChange);
        List<String> secondLines = ((String) second.body()).lines().toList();
        assertEquals("\"id\",\"status\"", secondLines.get(0));
        assertTrue(secondLines.contains("\"3\",\"shipped\""), secondLines::toString);
        assertEquals(Instant.ofEpochSecond(created).toString(), second.since());
    }

    @Test
    void streamOutputIsNotCopiedByStreamCachingAndIsReadableAfterTheExchange() throws Exception {
        List<Object> bodies = new CopyOnWriteArrayList<>();
        CamelContext context = start(uri(KEBOOLA.emulator(), tableId, ""), exchange -> bodies.add(exchange.getIn().getBody()), Map.of());

        await().until(() -> !bodies.isEmpty());
        assertTrue(context.getStreamCachingStrategy().isEnabled());
        // a cached body would be an in-memory copy of the whole window
        Object body = bodies.get(0);
        assertEquals(io.github.camelkeboola.component.KeboolaCsvStream.class, body.getClass());
        List<String> lines = context.getTypeConverter().convertTo(String.class, body).lines().toList();
        assertEquals("\"id\",\"status\"", lines.get(0));
        assertEquals(List.of("\"1\",\"new\"", "\"2\",\"new\"", "\"3\",\"new\""), sorted(lines.subList(1, lines.size())));
    }

    @Test
    void rowsArriveInBatchesOfMaxMessagesPerPollAndTheCursorMovesAfterTheLast() throws Exception {
        String fiveRows = newTableId();
        writer.create(fiveRows, "id,status\n1,new\n2,new\n3,new\n4,new\n5,new\n");
        MemoryStateRepository cursor = new MemoryStateRepository();
        List<String> cursorSeenByRows = new CopyOnWriteArrayList<>();
        Delivered delivered = new Delivered();
        start(uri(KEBOOLA.emulator(), fiveRows, "outputType=rows&maxMessagesPerPoll=2&stateRepository=#cursor&stateKey=k"),
                exchange -> {
                    cursorSeenByRows.add(String.valueOf(cursor.getState("k")));
                    delivered.process(exchange);
                }, Map.of("cursor", cursor));

        await().until(() -> delivered.size() == 5);
        assertEquals(List.of(2, 2, 2, 2, 1), delivered.all().stream().map(Delivered.Delivery::batchSize).toList());
        assertEquals(1, cursorSeenByRows.stream().distinct().count(),
                "the cursor stays while the window's rows are delivered: " + cursorSeenByRows);
        await().until(() -> !String.valueOf(cursor.getState("k")).equals(cursorSeenByRows.get(0)));
        assertEquals("since=" + lastImport(fiveRows).getEpochSecond(), cursor.getState("k").split(",")[0],
                "after the last row the cursor moved to the lastImportDate read before the export");
    }

    @Test
    void failingRouteGetsTheWindowAgainAndTheCursorStays() throws Exception {
        StateRepository<String, String> cursor = new MemoryStateRepository();
        String key = "orders-cursor";
        AtomicBoolean failing = new AtomicBoolean();
        AtomicInteger failedAttempts = new AtomicInteger();
        List<String> cursorDuringFailures = new CopyOnWriteArrayList<>();
        Delivered delivered = new Delivered();
        start(uri(KEBOOLA.emulator(), tableId, "outputType=rows&stateRepository=#cursor&stateKey=" + key),
                exchange -> {
                    if (failing.get()) {
                        failedAttempts.incrementAndGet();
                        cursorDuringFailures.add(cursor.getState(key));
                        throw new IllegalStateException("ERP is down");
                    }
                    delivered.process(exchange);
                }, Map.of("cursor", cursor));
        await().until(() -> delivered.size() == 3 && cursor.getState(key) != null);
        String cursorBefore = cursor.getState(key);

        failing.set(true);
        writer.upsert(tableId, "id,status\n1,cancelled\n");
        long changed = lastImport(tableId).getEpochSecond();
        await().until(() -> failedAttempts.get() >= 3);
        assertEquals(cursorBefore, cursor.getState(key), "the cursor stays while the window fails");
        assertTrue(cursorDuringFailures.stream().allMatch(cursorBefore::equals), cursorDuringFailures::toString);

        failing.set(false);
        await().until(() -> delivered.distinctRows().contains("1=cancelled"));
        await().until(() -> ChangeCursor.parse(cursor.getState(key)).since() == changed);
        assertTrue(ChangeCursor.parse(cursorBefore).since() <= changed);
    }

    @Test
    void restartWithTheSameFileStateRepositoryDeliversWhatChangedWhileStopped(@TempDir Path dir) throws Exception {
        Path cursorFile = dir.resolve("cursor.properties");
        Delivered firstRun = new Delivered();
        CamelContext first = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows&stateRepository=#cursor"), firstRun,
                Map.of("cursor", FileStateRepository.fileStateRepository(cursorFile.toFile())));
        await().until(() -> firstRun.size() == 3 && consumer(first).getCursor() != null);
        long firstRunCursor = consumer(first).getCursor();
        first.stop();

        writer.upsert(tableId, "id,status\n2,paid\n6,new\n");

        Delivered secondRun = new Delivered();
        CamelContext second = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows&stateRepository=#cursor"),
                secondRun, Map.of("cursor", FileStateRepository.fileStateRepository(cursorFile.toFile())));
        await().until(() -> secondRun.distinctRows().containsAll(List.of("2=paid", "6=new")));
        awaitIdle(second);
        assertEquals(ChangeWindow.iso(firstRunCursor),
                secondRun.all().get(0).since(), "the restart started at the stored cursor");
        assertTrue(secondRun.all().stream().allMatch(d -> Instant.parse(d.since()).getEpochSecond() >= firstRunCursor),
                "no window before the stored cursor: the table was not read again");
    }

    @Test
    void changesWrittenWhileAnExportRunsAreDeliveredOnce() throws Exception {
        Delivered delivered = new Delivered();
        CamelContext context = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.size() == 3);

        // the next export is held up; another writer loads rows meanwhile
        FaultInjector.Rule slowExport = KEBOOLA.emulator().faults()
                .inject(FaultTarget.API, "POST", "/export-async$", Fault.delay(Duration.ofSeconds(2)), 1);
        writer.upsert(tableId, "id,status\n7,new\n");
        await().until(() -> slowExport.hits() == 1);
        writer.upsert(tableId, "id,status\n8,new\n1,paid\n");

        await().until(() -> delivered.distinctRows().containsAll(List.of("1=paid", "7=new", "8=new")));
        awaitPolls(context, 5);
        int settled = delivered.size();
        awaitPolls(context, 5);
        assertEquals(settled, delivered.size(), "none lost, and nothing read again once the table is unchanged");
    }

    @Test
    void initialChangedSinceDecidesWhereTheFirstPollStarts() throws Exception {
        Delivered lastHour = new Delivered();
        start(uri(KEBOOLA.emulator(), tableId, "outputType=rows&initialChangedSince=RAW(-1 hours)"), lastHour, Map.of());
        await().until(() -> lastHour.size() == 3);

        Delivered fromNextHour = new Delivered();
        CamelContext later = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows&initialChangedSince=RAW(+1 hours)"),
                fromNextHour, Map.of());
        awaitPolls(later, 3);
        assertEquals(0, fromNextHour.size(), "rows changed before initialChangedSince are not delivered");
    }

    @Test
    void columnsAndWhereFilterNarrowTheChanges() throws Exception {
        Delivered delivered = new Delivered();
        start(uri(KEBOOLA.emulator(), tableId, "outputType=rows&columns=id&whereColumn=status&whereValues=paid,shipped"),
                delivered, Map.of());
        writer.upsert(tableId, "id,status\n1,paid\n2,cancelled\n4,shipped\n");

        await().until(() -> delivered.size() == 2);
        List<String> ids = new ArrayList<>(delivered.all().stream().map(d -> d.row().toString()).toList());
        ids.sort(null);
        assertEquals(List.of("{id=1}", "{id=4}"), ids);
    }

    @Test
    void twoRoutesOnOneTableKeepTheirOwnCursors(@TempDir Path dir) throws Exception {
        FileStateRepository cursors = FileStateRepository.fileStateRepository(dir.resolve("cursors").toFile());
        Delivered toErp = new Delivered();
        Delivered toWarehouse = new Delivered();
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("cursors", cursors);
        String uri = uri(KEBOOLA.emulator(), tableId, "outputType=rows&stateRepository=#cursors");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // one endpoint has one consumer: the routes' URIs differ (here in the columns they read)
                from(uri).routeId("erp").process(toErp);
                from(uri + "&columns=id,status").routeId("warehouse").process(toWarehouse);
            }
        });
        context.start();
        try {
            await().until(() -> toErp.size() == 3 && toWarehouse.size() == 3);
            writer.upsert(tableId, "id,status\n3,paid\n");
            await().until(() -> toErp.distinctRows().contains("3=paid") && toWarehouse.distinctRows().contains("3=paid"));
            await().until(() -> cursors.getState(tableId + "/erp") != null && cursors.getState(tableId + "/warehouse") != null);
        } finally {
            context.stop();
        }
    }

    @Test
    void asynchronousRouteCommitsWhenItsLastExchangeCompletes() throws Exception {
        MemoryStateRepository cursor = new MemoryStateRepository();
        Delivered delivered = new Delivered();
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("cursor", cursor);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(KEBOOLA.emulator(), tableId, "outputType=rows&maxMessagesPerPoll=2&stateRepository=#cursor&stateKey=k"))
                        .threads(3).process(delivered);
            }
        });
        context.start();
        try {
            await().until(() -> delivered.size() == 3 && cursor.getState("k") != null);
            String first = cursor.getState("k");
            writer.upsert(tableId, "id,status\n1,paid\n9,new\n");
            await().until(() -> delivered.distinctRows().containsAll(List.of("1=paid", "9=new")));
            await().until(() -> !cursor.getState("k").equals(first));
        } finally {
            context.stop();
        }
    }

    @Test
    void bridgeErrorHandlerHandsPollFailuresToTheRoute() throws Exception {
        List<KeboolaException> failures = new CopyOnWriteArrayList<>();
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                onException(KeboolaException.class).handled(true)
                        .process(e -> failures.add(e.getProperty(Exchange.EXCEPTION_CAUGHT, KeboolaException.class)));
                from(uri(KEBOOLA.emulator(), "in.c-consumer.missing", "bridgeErrorHandler=true")).to("log:never");
            }
        });
        context.start();
        try {
            await().until(() -> !failures.isEmpty());
            assertEquals("storage.tables.notFound", failures.get(0).getErrorCode());
            assertEquals(404, failures.get(0).getHttpResponseCode());
            assertEquals("in.c-consumer.missing", failures.get(0).getTableId());
        } finally {
            context.stop();
        }
    }

    @Test
    void optionsThatCannotApplyToTheConsumerFailAtStart() {
        for (String option : List.of("limit=10", "changedSince=0")) {
            Exception e = assertThrows(Exception.class,
                    () -> start(uri(KEBOOLA.emulator(), tableId, option), new Delivered(), Map.of()), option);
            Throwable cause = e;
            while (cause.getCause() != null && !(cause instanceof IllegalArgumentException)) {
                cause = cause.getCause();
            }
            assertTrue(cause.getMessage().contains(tableId), cause.getMessage());
        }
    }

    private Instant lastImport(String tableId) {
        return Instant.ofEpochSecond(ChangeTimes.toEpochSeconds(writer.table(tableId).path("lastImportDate").asText(),
                Instant.EPOCH));
    }

    private static List<String> sorted(List<String> values) {
        List<String> copy = new ArrayList<>(values);
        copy.sort(null);
        return copy;
    }
}
