package io.github.camelkeboola.cluster;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.imps.CuratorFrameworkState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ZooKeeperStateRepositoryTest {

    @RegisterExtension
    static final LoopbackZooKeeper ZOOKEEPER = new LoopbackZooKeeper();

    @Test
    void whatOneHostWritesTheOtherReadsAtOnce() throws Exception {
        try (CuratorFramework hostA = ZOOKEEPER.connect(); CuratorFramework hostB = ZOOKEEPER.connect()) {
            ZooKeeperStateRepository a = repository(hostA);
            ZooKeeperStateRepository b = repository(hostB);
            a.start();
            b.start();

            assertNull(b.getState("in.c-main.orders/orders"));
            a.setState("in.c-main.orders/orders", "since=1767225600");
            assertEquals("since=1767225600", b.getState("in.c-main.orders/orders"));
            b.setState("in.c-main.orders/orders", "since=1767225700");
            assertEquals("since=1767225700", a.getState("in.c-main.orders/orders"), "read anew, not cached");

            assertEquals(List.of("in.c-main.orders%2Forders"), hostA.getChildren().forPath("/test/cursors"),
                    "one znode per key, its slash escaped");
            a.stop();
            b.stop();
            assertEquals(CuratorFrameworkState.STARTED, hostA.getState(), "a client it was given stays open");
        }
    }

    @Test
    void withNodesItConnectsAndClosesItsOwnClient() throws Exception {
        ZooKeeperStateRepository repository = new ZooKeeperStateRepository();
        repository.setNodes(ZOOKEEPER.connectString());
        repository.setPath("/test/own");
        repository.start();
        repository.setState("k", "v");
        assertEquals("v", repository.getState("k"));
        repository.stop();

        ZooKeeperStateRepository again = new ZooKeeperStateRepository();
        again.setNodes(ZOOKEEPER.connectString());
        again.setPath("/test/own");
        again.start();
        assertEquals("v", again.getState("k"), "kept in ZooKeeper across clients");
        again.stop();
    }

    private static ZooKeeperStateRepository repository(CuratorFramework client) {
        ZooKeeperStateRepository repository = new ZooKeeperStateRepository();
        repository.setCuratorFramework(client);
        repository.setPath("/test/cursors");
        return repository;
    }
}
