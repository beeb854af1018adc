package io.github.camelkeboola.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.curator.test.InstanceSpec;
import org.apache.curator.test.TestingServer;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A real ZooKeeper server (Curator's {@link TestingServer}) in the test JVM, bound to 127.0.0.1 only, for the
 * test class; and what the "hosts" of a test do with it: connect, and lose their session as a host that died would.
 */
public final class LoopbackZooKeeper implements BeforeAllCallback, AfterAllCallback {

    private static final String LOOPBACK = "127.0.0.1";
    /** Long enough that a loaded CI machine never loses a session by itself (the server allows up to 20 ticks):
     * the tests end sessions on purpose. */
    private static final int SESSION_TIMEOUT_MILLIS = 30_000;

    private TestingServer server;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        InstanceSpec spec = new InstanceSpec(null, -1, -1, -1, true, -1, 2000, -1,
                Map.of("clientPortAddress", LOOPBACK), LOOPBACK);
        server = new TestingServer(spec, true);
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        server.close();
    }

    /** {@code 127.0.0.1:<port>}. */
    public String connectString() {
        return server.getConnectString();
    }

    /** A started client connected to the server, with its own session: one per "host". */
    public CuratorFramework connect() throws InterruptedException {
        CuratorFramework client = CuratorFrameworkFactory.builder()
                .connectString(connectString())
                .sessionTimeoutMs(SESSION_TIMEOUT_MILLIS)
                .connectionTimeoutMs(10_000)
                .retryPolicy(new ExponentialBackoffRetry(100, 10, 1000))
                .build();
        client.start();
        if (!client.blockUntilConnected(30, TimeUnit.SECONDS)) {
            client.close();
            throw new IllegalStateException("no connection to ZooKeeper at " + connectString());
        }
        return client;
    }

    /**
     * Ends the client's session on the server, as the server does when a host stops heartbeating past the session
     * timeout: its ephemeral nodes (its place in a leader election) go at once, and the client learns on its next
     * contact that its session expired. Done by attaching to the session from a second connection and closing that.
     */
    public void expireSession(CuratorFramework client) throws Exception {
        ZooKeeper handle = client.getZookeeperClient().getZooKeeper();
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper twin = new ZooKeeper(connectString(), SESSION_TIMEOUT_MILLIS, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        }, handle.getSessionId(), handle.getSessionPasswd());
        try {
            if (!connected.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("could not attach to session 0x" + Long.toHexString(handle.getSessionId()));
            }
        } finally {
            twin.close();
        }
    }
}
