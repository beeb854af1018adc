package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.cluster.LoopbackZooKeeper;
import io.github.camelkeboola.cluster.RestartClusterOnSessionLoss;
import io.github.camelkeboola.cluster.ZooKeeperStateRepository;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.cluster.CamelClusterService;
import org.apache.camel.component.zookeeper.cluster.ZooKeeperClusterService;
import org.apache.camel.main.Main;
import org.apache.curator.framework.CuratorFramework;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel Main as the guide's "Active/passive across hosts" configures it: the ZooKeeper cluster service and the
 * work-around from a configuration class, the cursor's repository as {@code camel.beans.*}, the route in YAML.
 */
class CamelMainZooKeeperConfigurationTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    @RegisterExtension
    static final LoopbackZooKeeper ZOOKEEPER = new LoopbackZooKeeper();

    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
    }

    @Test
    void thePropertiesSetUpTheClusterServiceAndTheCursorInZooKeeper() throws Exception {
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token());
             CuratorFramework zookeeper = ZOOKEEPER.connect()) {
            writer.create("in.c-main.orders", "id,status\n1,new\n2,new\n3,new\n");

            Delivered delivered = new Delivered();
            main = new Main();
            main.setDefaultPropertyPlaceholderLocation("classpath:camel-main/application.properties");
            // what the environment gives in production
            main.addOverrideProperty("camel.component.keboola.stack-url", KEBOOLA.emulator().baseUrl());
            main.addOverrideProperty("camel.component.keboola.token", KEBOOLA.emulator().token());
            main.addOverrideProperty("zookeeper.nodes", ZOOKEEPER.connectString());
            main.addOverrideProperty("cluster.member-id", "host-1");
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:erp").process(delivered);
                }
            });
            main.start();
            CamelContext context = main.getCamelContext();

            assertThat(context.hasServices(CamelClusterService.class)).singleElement()
                    .isInstanceOfSatisfying(ZooKeeperClusterService.class,
                            cluster -> assertThat(cluster.getId()).isEqualTo("host-1"));
            assertThat(context.getRegistry().lookupByName("ordersCursor")).isInstanceOf(ZooKeeperStateRepository.class);
            assertThat(context.hasService(RestartClusterOnSessionLoss.class)).isNotNull();
            await().atMost(Duration.ofSeconds(60)).until(() -> delivered.distinctRows().size() == 3);
            await().atMost(Duration.ofSeconds(60)).until(() -> cursor(zookeeper) != null);
            assertThat(cursor(zookeeper)).startsWith("since=");
            assertThat(zookeeper.getChildren().forPath("/camel/cluster/keboola-orders")).hasSize(1);
        }
    }

    private static String cursor(CuratorFramework zookeeper) throws Exception {
        String znode = "/camel/keboola/cursors/in.c-main.orders%2Forders-to-erp";
        return zookeeper.checkExists().forPath(znode) == null
                ? null : new String(zookeeper.getData().forPath(znode), StandardCharsets.UTF_8);
    }
}
