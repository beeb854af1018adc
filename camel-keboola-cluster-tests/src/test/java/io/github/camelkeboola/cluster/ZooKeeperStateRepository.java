package io.github.camelkeboola.cluster;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.util.ObjectHelper;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;
import org.apache.zookeeper.KeeperException;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * A {@link StateRepository} in ZooKeeper: one znode per key under {@link #setPath path}, the value as its data (UTF-8).
 * <p>
 * Camel 4.17 ships only {@code MemoryStateRepository} and {@code FileStateRepository} (camel-support); camel-sql,
 * camel-infinispan, camel-kafka and camel-zookeeper bring idempotent and aggregation repositories, none a state
 * repository. Instances on several hosts that elect their leader in ZooKeeper share no file system, so the
 * consumer's cursor lives in ZooKeeper too. Every read goes to ZooKeeper (nothing is cached): a new leader reads what
 * the old one wrote last.
 * <p>
 * Either {@link #setCuratorFramework a started client} (for example the one the cluster service uses: one session
 * per host) or {@link #setNodes nodes}, for a client this repository starts and closes.
 */
public class ZooKeeperStateRepository extends ServiceSupport implements StateRepository<String, String> {

    private CuratorFramework curatorFramework;
    private String nodes;
    private String path = "/camel/state";
    private long connectTimeoutMillis = 15_000;

    private CuratorFramework client;
    private boolean clientCreatedHere;

    @Override
    protected void doStart() throws Exception {
        ObjectHelper.notNull(path, "path");
        if (curatorFramework != null) {
            client = curatorFramework;
            return;
        }
        ObjectHelper.notNull(nodes, "nodes (the ZooKeeper connect string, or set curatorFramework)");
        client = CuratorFrameworkFactory.newClient(nodes, new ExponentialBackoffRetry(1000, 3));
        clientCreatedHere = true;
        client.start();
        if (!client.blockUntilConnected((int) connectTimeoutMillis, TimeUnit.MILLISECONDS)) {
            client.close();
            throw new IllegalStateException("ZooKeeper at " + nodes + " did not answer within " + connectTimeoutMillis
                                            + " ms");
        }
    }

    @Override
    protected void doStop() {
        if (clientCreatedHere) {
            client.close();
            clientCreatedHere = false;
        }
        client = null;
    }

    @Override
    public String getState(String key) {
        try {
            return new String(client.getData().forPath(znode(key)), StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            return null;
        } catch (Exception e) {
            throw new RuntimeCamelException("Cannot read state '" + key + "' from ZooKeeper znode " + znode(key), e);
        }
    }

    @Override
    public void setState(String key, String value) {
        try {
            client.create().orSetData().creatingParentsIfNeeded()
                    .forPath(znode(key), value.getBytes(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new RuntimeCamelException("Cannot write state '" + key + "' to ZooKeeper znode " + znode(key), e);
        }
    }

    /** One znode per key: a key's own slashes (the consumer's key is {@code <tableId>/<routeId>}) are escaped. */
    private String znode(String key) {
        return path + "/" + URLEncoder.encode(key, StandardCharsets.UTF_8);
    }

    public CuratorFramework getCuratorFramework() {
        return curatorFramework;
    }

    /** A started client to use (and not to close); otherwise one is created from {@link #setNodes nodes}. */
    public void setCuratorFramework(CuratorFramework curatorFramework) {
        this.curatorFramework = curatorFramework;
    }

    public String getNodes() {
        return nodes;
    }

    /** The ZooKeeper connect string, such as {@code zk1:2181,zk2:2181,zk3:2181}. */
    public void setNodes(String nodes) {
        this.nodes = nodes;
    }

    public String getPath() {
        return path;
    }

    /** The znode under which each key is a child (created when missing); default {@code /camel/state}. */
    public void setPath(String path) {
        this.path = path;
    }

    public long getConnectTimeoutMillis() {
        return connectTimeoutMillis;
    }

    /** How long {@code start} waits for a client it created to connect; default 15 s. */
    public void setConnectTimeoutMillis(long connectTimeoutMillis) {
        this.connectTimeoutMillis = connectTimeoutMillis;
    }
}
