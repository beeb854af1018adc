package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import io.github.camelkeboola.component.api.ChangeTimes;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.processor.state.FileStateRepository;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Two instances of an app consume one table through {@code master:} with the file-lock cluster service on a shared
 * directory and the cursor in a shared {@link FileStateRepository}: only the leader polls, and when it stops the
 * standby continues from the cursor the leader stored.
 */
class KeboolaConsumerMasterTest extends ConsumerTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private final List<CamelContext> instances = new ArrayList<>();

    @AfterEach
    void stopInstances() {
        instances.forEach(CamelContext::stop);
    }

    @Test
    void standbyTakesOverFromTheSharedCursorWhenTheLeaderStops(@TempDir Path shared) throws Exception {
        String tableId = newTableId();
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token())) {
            writer.create(tableId, "id,status\n1,new\n2,new\n");

            Delivered first = new Delivered();
            CamelContext leader = startInstance("first", shared, tableId, first);
            await().until(() -> first.size() == 2);

            Delivered second = new Delivered();
            CamelContext standby = startInstance("second", shared, tableId, second);
            writer.upsert(tableId, "id,status\n3,new\n1,paid\n");
            await().until(() -> first.distinctRows().containsAll(List.of("1=paid", "3=new")));
            assertEquals(0, second.size(), "the standby does not poll");

            FileStateRepository leaderCursors = (FileStateRepository) leader.getRegistry().lookupByName("cursor");
            String key = tableId + "/" + ROUTE_ID;
            await().until(() -> leaderCursors.getState(key) != null
                                && ChangeCursor.parse(leaderCursors.getState(key)).since() == lastImport(writer, tableId));
            long leaderCursor = ChangeCursor.parse(leaderCursors.getState(key)).since();
            int leaderDeliveries = first.size();
            leader.stop();
            writer.upsert(tableId, "id,status\n4,new\n");
            await().until(() -> second.distinctRows().contains("4=new"));
            writer.upsert(tableId, "id,status\n2,shipped\n");
            await().until(() -> second.distinctRows().contains("2=shipped"));
            assertEquals(Instant.ofEpochSecond(leaderCursor).toString(), second.all().get(0).since(),
                    "the standby continued from the leader's cursor");
            assertEquals(leaderDeliveries, first.size());

            // the dev console of the new leader shows its consumer, started by master:
            JsonObject console = (JsonObject) PluginHelper.getDevConsoleResolver(standby).resolveDevConsole("keboola")
                    .call(DevConsole.MediaType.JSON);
            @SuppressWarnings("unchecked")
            Map<String, Object> entry = ((List<Map<String, Object>>) console.get("consumers")).get(0);
            assertEquals(ROUTE_ID, entry.get("routeId"));
            assertEquals(tableId + "/" + ROUTE_ID, entry.get("stateKey"));
        }
        FileStateRepository cursors = FileStateRepository.fileStateRepository(shared.resolve("cursor.properties").toFile());
        cursors.start();
        assertEquals(List.of(tableId + "/" + ROUTE_ID), List.copyOf(cursors.getCache().keySet()),
                "the cursor's key names the route, as without master:");
        cursors.stop();
    }

    private CamelContext startInstance(String name, Path shared, String tableId, Delivered delivered) throws Exception {
        CamelContext context = new DefaultCamelContext();
        context.getRegistry().bind("cursor",
                FileStateRepository.fileStateRepository(shared.resolve("cursor.properties").toFile()));
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setId(name);
        cluster.setRoot(shared.resolve("cluster").toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(200, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:orders:" + uri(KEBOOLA.emulator(), tableId, "outputType=rows&stateRepository=#cursor"))
                        .routeId(ROUTE_ID).process(delivered);
            }
        });
        context.start();
        instances.add(context);
        return context;
    }

    private static long lastImport(TableWriter writer, String tableId) {
        return ChangeTimes.toEpochSeconds(writer.table(tableId).path("lastImportDate").asText(), Instant.EPOCH);
    }
}
