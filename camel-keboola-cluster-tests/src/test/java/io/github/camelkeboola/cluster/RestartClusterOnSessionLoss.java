package io.github.camelkeboola.cluster;

import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.framework.state.ConnectionStateListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ExecutorService;

/**
 * Works around CAMEL-24457 in camel-zookeeper 4.17: a leader whose ZooKeeper session is lost is never told that it
 * lost its leadership (the view fires the event while Curator still reports it as leader), so {@code master:} keeps
 * its consumer running beside the new leader. Once the client reports the session {@link ConnectionState#LOST lost},
 * this restarts the cluster service: stopping its views fires the event again, now that the leadership is gone, so
 * {@code master:} stops the consumer; starting them puts the instance back in the election.
 * <p>
 * Add it to the context with the client the cluster service uses ({@code ZooKeeperCuratorConfiguration}).
 */
public final class RestartClusterOnSessionLoss extends ServiceSupport implements CamelContextAware, ConnectionStateListener {

    private static final Logger LOG = LoggerFactory.getLogger(RestartClusterOnSessionLoss.class);

    private final CuratorFramework client;
    private final CamelClusterService cluster;
    private CamelContext camelContext;
    private ExecutorService executor;

    public RestartClusterOnSessionLoss(CuratorFramework client, CamelClusterService cluster) {
        this.client = client;
        this.cluster = cluster;
    }

    @Override
    protected void doStart() {
        // not on Curator's event thread: stopping the views waits for the consumer to stop
        executor = camelContext.getExecutorServiceManager().newSingleThreadExecutor(this, "ZooKeeperSessionLoss");
        client.getConnectionStateListenable().addListener(this);
    }

    @Override
    protected void doStop() {
        client.getConnectionStateListenable().removeListener(this);
        camelContext.getExecutorServiceManager().shutdown(executor);
    }

    @Override
    public void stateChanged(CuratorFramework curator, ConnectionState state) {
        if (state == ConnectionState.LOST) {
            executor.execute(this::restart);
        }
    }

    private void restart() {
        LOG.warn("ZooKeeper session of cluster member {} lost: restarting the cluster service to give up leadership",
                cluster.getId());
        try {
            cluster.stop();
            cluster.start();
        } catch (RuntimeException e) {
            LOG.error("Could not restart the cluster service of member {}", cluster.getId(), e);
        }
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }
}
