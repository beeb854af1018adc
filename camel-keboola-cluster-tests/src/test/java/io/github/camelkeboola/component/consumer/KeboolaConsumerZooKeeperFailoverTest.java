package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.cluster.LoopbackZooKeeper;
import io.github.camelkeboola.cluster.RestartClusterOnSessionLoss;
import io.github.camelkeboola.cluster.ZooKeeperStateRepository;
import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.api.ChangeTimes;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterView;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.curator.framework.CuratorFramework;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three "hosts" (a Camel context each, with its own ZooKeeper session) run {@code master:} on camel-zookeeper's
 * {@link ZooKeeperClusterService} against one ZooKeeper server, the cursor in ZooKeeper
 * ({@link ZooKeeperStateRepository}). Two failovers:
 * <ol>
 * <li>the leader's host dies in the middle of a window (it delivers nothing more, and the server ends its session):
 * one standby takes over from the cursor the leader stored and delivers the window again; the other stands by;</li>
 * <li>the new leader is cut off from ZooKeeper but keeps running (its session ends, its process does not): the last
 * standby takes over. Camel 4.17's ZooKeeper cluster view does not tell {@code master:} that the cut-off instance
 * lost its leadership (CAMEL-24457, fixed in later Camel releases), so it keeps polling too: both deliver the next
 * change, and nothing is lost.</li>
 * </ol>
 * Every row of the table is delivered; the duplicates are the ones the guide documents. With
 * {@link RestartClusterOnSessionLoss} (the second test), a cut-off leader stops polling and stands for election again.
 */
class KeboolaConsumerZooKeeperFailoverTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    @RegisterExtension
    static final LoopbackZooKeeper ZOOKEEPER = new LoopbackZooKeeper();

    private static final String ROUTE_ID = "orders-to-erp";
    private static final AtomicInteger TESTS = new AtomicInteger();

    private final String tableId = "in.c-cluster.orders" + TESTS.incrementAndGet();
    /** master:'s namespace: the leader election's znode under the cluster service's base path. */
    private final String namespace = "keboola-orders-" + TESTS.get();
    private static final String CURSORS = "/camel/keboola/cursors";

    static {
        // first polls start Camel, export and download: give them time on a loaded CI machine
        Awaitility.setDefaultTimeout(Duration.ofSeconds(60));
        Awaitility.setDefaultPollInterval(Duration.ofMillis(50));
    }

    private final List<Host> hosts = new ArrayList<>();

    @AfterEach
    void stopHosts() {
        hosts.forEach(host -> host.gate.release());
        hosts.forEach(Host::close);
    }

    @Test
    void standbysContinueFromTheCursorInZooKeeperWhenTheLeaderDiesOrIsCutOff() throws Exception {
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token())) {
            writer.create(tableId, csv(IntStream.rangeClosed(1, 30), "new"));

            Host a = startHost("a");
            long firstCursor = lastImport(writer);
            await().until(() -> storedSince(a) == firstCursor && isIdle(a));
            assertThat(a.delivered.distinctRows()).containsAll(rows(IntStream.rangeClosed(1, 30), "new"));
            Host b = startHost("b");
            Host c = startHost("c");
            await().until(() -> a.view(namespace).getMembers().size() == 3);
            assertThat(a.view(namespace).getLocalMember().isLeader()).isTrue();

            // 1. the leader's host dies at the fifth row of the next window, four rows passed on
            a.gate.holdAt(5);
            writer.upsert(tableId, csv(IntStream.rangeClosed(1, 10), "paid") + rowsOf(IntStream.rangeClosed(31, 40), "new"));
            assertThat(a.gate.held.await(60, TimeUnit.SECONDS)).as("the leader reached the middle of a window").isTrue();
            assertThat(storedSince(a)).as("the window is not committed").isEqualTo(firstCursor);
            int rowsOfTheDeadLeader = a.delivered.size();
            ZOOKEEPER.expireSession(a.client);

            await().until(() -> b.delivered.size() + c.delivered.size() > 0);
            Host second = b.delivered.size() > 0 ? b : c;
            Host third = second == b ? c : b;
            await().until(() -> second.delivered.distinctRows().containsAll(rows(IntStream.rangeClosed(1, 10), "paid")));
            assertThat(second.delivered.all().get(0).since())
                    .as("the new leader's first window starts at the cursor the dead one stored")
                    .isEqualTo(Instant.ofEpochSecond(firstCursor).toString());
            assertThat(second.delivered.rows()).containsAll(rows(IntStream.rangeClosed(31, 40), "new"));
            long secondCursor = lastImport(writer);
            await().until(() -> storedSince(second) == secondCursor && isIdle(second));
            assertThat(third.delivered.size()).as("one standby took over, the other stood by").isZero();
            assertThat(a.delivered.size()).isEqualTo(rowsOfTheDeadLeader);

            // 2. the new leader is cut off from ZooKeeper (its session ends) but keeps running
            ZOOKEEPER.expireSession(second.client);
            await().until(() -> !KeboolaConsumer.started(third.context).isEmpty() && isIdle(third));
            writer.upsert(tableId, csv(IntStream.rangeClosed(41, 45), "new"));
            await().until(() -> third.delivered.distinctRows().containsAll(rows(IntStream.rangeClosed(41, 45), "new")));
            assertThat(third.delivered.all()).allSatisfy(delivery -> assertThat(Instant.parse(delivery.since()))
                    .as("no window before the stored cursor").isAfterOrEqualTo(Instant.ofEpochSecond(secondCursor)));
            await().untilAsserted(() -> assertThat(second.delivered.distinctRows())
                    .as("the cut-off leader polls on (CAMEL-24457 in Camel 4.17: if this fails, Camel fixed it; update"
                        + " the guide's \"Active/passive across hosts\")")
                    .containsAll(rows(IntStream.rangeClosed(41, 45), "new")));

            SortedSet<String> delivered = new TreeSet<>();
            hosts.forEach(host -> delivered.addAll(host.delivered.rows()));
            SortedSet<String> table = table(writer);
            assertThat(delivered).as("every row of the table was delivered").containsAll(table);
            System.out.printf("ZooKeeper failover: table %d rows; delivered: a (died mid-window) %d, %s (took over, then"
                              + " cut off) %d, %s (took over last) %d%n", table.size(), a.delivered.size(), second.name,
                    second.delivered.size(), third.name, third.delivered.size());
        }
    }

    @Test
    void withTheWorkAroundACutOffLeaderStopsPollingAndStandsForElectionAgain() throws Exception {
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token())) {
            writer.create(tableId, csv(IntStream.rangeClosed(1, 20), "new"));
            Host x = startHost("x", true);
            long firstCursor = lastImport(writer);
            await().until(() -> storedSince(x) == firstCursor && isIdle(x));
            Host y = startHost("y", true);
            await().until(() -> x.view(namespace).getMembers().size() == 2);

            ZOOKEEPER.expireSession(x.client);
            await().until(() -> !KeboolaConsumer.started(y.context).isEmpty() && isIdle(y));
            await().until(() -> KeboolaConsumer.started(x.context).isEmpty());
            await().until(() -> x.view(namespace).getMembers().size() == 2);
            assertThat(x.view(namespace).getLocalMember().isLeader()).isFalse();
            int rowsOfX = x.delivered.size();
            writer.upsert(tableId, csv(IntStream.rangeClosed(21, 25), "new"));
            await().until(() -> y.delivered.distinctRows().containsAll(rows(IntStream.rangeClosed(21, 25), "new")));
            long yCursor = lastImport(writer);
            await().until(() -> storedSince(y) == yCursor && isIdle(y));
            assertThat(x.delivered.size()).as("the cut-off instance polls no more").isEqualTo(rowsOfX);

            // back in the election: it takes over when the new leader stops
            hosts.remove(y);
            y.close();
            writer.upsert(tableId, csv(IntStream.rangeClosed(26, 28), "new"));
            await().until(() -> x.delivered.distinctRows().containsAll(rows(IntStream.rangeClosed(26, 28), "new")));
            assertThat(x.delivered.all().get(rowsOfX).since()).as("from the cursor the other one stored")
                    .isEqualTo(Instant.ofEpochSecond(yCursor).toString());
            SortedSet<String> delivered = new TreeSet<>(x.delivered.rows());
            delivered.addAll(y.delivered.rows());
            assertThat(delivered).containsAll(table(writer));
        }
    }

    private Host startHost(String name) throws Exception {
        return startHost(name, false);
    }

    /** A host; {@code restartOnSessionLoss}: with {@link RestartClusterOnSessionLoss}, the CAMEL-24457 work-around. */
    private Host startHost(String name, boolean restartOnSessionLoss) throws Exception {
        CuratorFramework client = ZOOKEEPER.connect();
        CamelContext context = new DefaultCamelContext();
        // the host's one session for the election and the cursor (ZooKeeperClusterService 4.17 takes a client only
        // through a configuration: its setCuratorFramework fails before init)
        ZooKeeperCuratorConfiguration zookeeper = new ZooKeeperCuratorConfiguration();
        zookeeper.setCuratorFramework(client);
        zookeeper.setBasePath("/camel/cluster");
        ZooKeeperClusterService cluster = new ZooKeeperClusterService(zookeeper);
        cluster.setId(name);
        context.addService(cluster);
        if (restartOnSessionLoss) {
            context.addService(new RestartClusterOnSessionLoss(client, cluster));
        }
        ZooKeeperStateRepository cursors = new ZooKeeperStateRepository();
        cursors.setCuratorFramework(client);
        cursors.setPath(CURSORS);
        context.getRegistry().bind("cursors", cursors);
        context.addComponent("keboola", EmulatorComponents.pointedAt(KEBOOLA.emulator()));
        Gate gate = new Gate();
        Delivered delivered = new Delivered();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:" + namespace + ":keboola:" + tableId + "?outputType=rows&stateRepository=#cursors"
                     + "&delay=100&initialDelay=0")
                        .routeId(ROUTE_ID).process(gate).process(delivered);
            }
        });
        context.start();
        Host host = new Host(name, client, context, cluster, gate, delivered);
        hosts.add(host);
        return host;
    }

    /** The {@code since} of the cursor in ZooKeeper, read through the host's own session; -1 while there is none. */
    private long storedSince(Host host) throws Exception {
        String key = URLEncoder.encode(tableId + "/" + ROUTE_ID, StandardCharsets.UTF_8);
        if (host.client.checkExists().forPath(CURSORS + "/" + key) == null) {
            return -1;
        }
        return ChangeCursor.parse(new String(host.client.getData().forPath(CURSORS + "/" + key), StandardCharsets.UTF_8))
                .since();
    }

    /** The leader's last poll found the table as its settled cursor left it. */
    private static boolean isIdle(Host host) {
        return KeboolaConsumer.started(host.context).stream()
                .anyMatch(consumer -> String.valueOf(consumer.getLastPollOutcome()).startsWith("idle: the table is unchanged"));
    }

    private long lastImport(TableWriter writer) {
        return ChangeTimes.toEpochSeconds(writer.table(tableId).path("lastImportDate").asText(), Instant.EPOCH);
    }

    /** The table as it is, as {@code id=status} rows. */
    private SortedSet<String> table(TableWriter writer) throws Exception {
        SortedSet<String> rows = new TreeSet<>();
        try (InputStream csv = writer.api().previewTable(tableId, Map.of("limit", 1000))) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new InputStreamReader(csv, StandardCharsets.UTF_8))) {
                rows.add(record.get("id") + "=" + record.get("status"));
            }
        }
        return rows;
    }

    private static String csv(IntStream ids, String status) {
        StringBuilder csv = new StringBuilder("id,status\n");
        ids.forEach(id -> csv.append(id).append(',').append(status).append('\n'));
        return csv.toString();
    }

    /** {@link #csv} without its header row. */
    private static String rowsOf(IntStream ids, String status) {
        return csv(ids, status).substring("id,status\n".length());
    }

    private static List<String> rows(IntStream ids, String status) {
        return ids.mapToObj(id -> id + "=" + status).toList();
    }

    /** Holds the route at its n-th row from {@link #holdAt} on, until {@link #release}. */
    private static final class Gate implements Processor {
        private final AtomicInteger rows = new AtomicInteger();
        private final CountDownLatch held = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private volatile int holdAt = -1;

        void holdAt(int row) {
            rows.set(0);
            holdAt = row;
        }

        void release() {
            released.countDown();
        }

        @Override
        public void process(Exchange exchange) throws Exception {
            if (holdAt > 0 && rows.incrementAndGet() == holdAt) {
                held.countDown();
                if (!released.await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the gate");
                }
            }
        }
    }

    private record Host(String name, CuratorFramework client, CamelContext context, ZooKeeperClusterService cluster,
                        Gate gate, Delivered delivered) {

        CamelClusterView view(String namespace) throws Exception {
            return cluster.getView(namespace);
        }

        void close() {
            context.stop();
            client.close();
        }
    }
}
