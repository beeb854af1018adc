package io.github.camelkeboola.cluster;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.zookeeper.ZooKeeperCuratorConfiguration;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.ExponentialBackoffRetry;

/**
 * The ZooKeeper cluster service for a Camel Main app ({@code camel.main.configuration-classes}), from the properties
 * {@code zookeeper.nodes} and {@code cluster.member-id}, with its Curator client and {@link RestartClusterOnSessionLoss}.
 * Camel Main 4.17 adds {@code CamelClusterService} beans to the context
 * before it binds {@code camel.beans.*}, so a cluster service declared there is never used: this class adds it to
 * the context itself.
 */
public class ZooKeeperClusterConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        CuratorFramework zookeeper = CuratorFrameworkFactory.newClient(
                context.resolvePropertyPlaceholders("{{zookeeper.nodes}}"), new ExponentialBackoffRetry(1000, 3));
        context.addService(new ClientLifecycle(zookeeper));

        ZooKeeperCuratorConfiguration election = new ZooKeeperCuratorConfiguration();
        election.setCuratorFramework(zookeeper);
        election.setBasePath("/camel/cluster");
        ZooKeeperClusterService cluster = new ZooKeeperClusterService(election);
        cluster.setId(context.resolvePropertyPlaceholders("{{cluster.member-id}}"));
        context.addService(cluster);
        context.addService(new RestartClusterOnSessionLoss(zookeeper, cluster));
    }

    /** Starts the client with the context (before the services that use it) and closes it after them. */
    private static final class ClientLifecycle extends ServiceSupport {
        private final CuratorFramework client;

        ClientLifecycle(CuratorFramework client) {
            this.client = client;
        }

        @Override
        protected void doStart() {
            client.start();
        }

        @Override
        protected void doStop() {
            client.close();
        }
    }
}
