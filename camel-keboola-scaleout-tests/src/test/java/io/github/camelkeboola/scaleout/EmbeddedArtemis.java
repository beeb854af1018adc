package io.github.camelkeboola.scaleout;

import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ActiveMQ Artemis broker in the test JVM, reached through its in-VM acceptor (no socket at all), without
 * persistence or security. Messages still cross it encoded as JMS messages, as they would between hosts.
 */
final class EmbeddedArtemis implements AutoCloseable {

    private static final AtomicInteger IDS = new AtomicInteger();

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String url;

    EmbeddedArtemis(Path dataDir) throws Exception {
        int id = IDS.incrementAndGet();
        url = "vm://" + id;
        Configuration configuration = new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large").toString())
                .addAcceptorConfiguration("in-vm", url);
        server.setConfiguration(configuration);
        server.start();
    }

    /**
     * A camel-jms component on this broker. No prefetch ({@code consumerWindowSize=0}): a worker takes a message only
     * when it is free, so slices spread over the workers as they become free, as a broker spreads work between hosts.
     */
    JmsComponent jms() {
        return JmsComponent.jmsComponentAutoAcknowledge(new ActiveMQConnectionFactory(url + "?consumerWindowSize=0"));
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
