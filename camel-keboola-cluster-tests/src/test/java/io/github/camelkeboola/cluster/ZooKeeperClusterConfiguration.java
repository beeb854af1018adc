package io.github.camelkeboola.cluster;

import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;

/**
 * The ZooKeeper cluster service for a Camel Main app ({@code camel.main.configuration-classes}), from the properties
 * {@code zookeeper.nodes} and {@code cluster.member-id}. Camel Main 4.17 adds {@code CamelClusterService} beans to the
 * context before it binds {@code camel.beans.*}, so a cluster service declared there is never used: this class adds
 * it to the context itself.
 */
public class ZooKeeperClusterConfiguration implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) throws Exception {
        ZooKeeperClusterService cluster = new ZooKeeperClusterService();
        cluster.setNodes(context.resolvePropertyPlaceholders("{{zookeeper.nodes}}"));
        cluster.setBasePath("/camel/cluster");
        cluster.setId(context.resolvePropertyPlaceholders("{{cluster.member-id}}"));
        context.addService(cluster);
    }
}
