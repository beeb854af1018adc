package io.github.camelkeboola.benchmarks;

import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.component.jms.JmsComponent;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;

/**
 * The broker between the coordinator and the workers of the distributed runs: ActiveMQ Artemis in the benchmark's
 * own JVM, on a loopback TCP port, so that every message crosses a socket between processes as it would between
 * hosts. No persistence (the runs measure the Storage transfers, not a journal), no security.
 */
final class Broker implements AutoCloseable {

    private final EmbeddedActiveMQ server = new EmbeddedActiveMQ();
    private final String url;

    private final Path dataDir;

    Broker() throws Exception {
        url = "tcp://127.0.0.1:" + freePort();
        dataDir = Files.createTempDirectory("keboola-bench-broker-");
        server.setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false)
                .setJournalDirectory(dataDir.resolve("journal").toString())
                .setBindingsDirectory(dataDir.resolve("bindings").toString())
                .setPagingDirectory(dataDir.resolve("paging").toString())
                .setLargeMessagesDirectory(dataDir.resolve("large").toString())
                .setSecurityEnabled(false)
                .setJMXManagementEnabled(false)
                .addAcceptorConfiguration("tcp", url));
        server.start();
    }

    /** Where the processes connect. */
    String url() {
        return url;
    }

    /**
     * camel-jms on the broker at {@code url}. No prefetch ({@code consumerWindowSize=0}): a worker takes the next
     * message only when it is free, so slices go to whichever worker is free, as a broker spreads work over hosts.
     */
    static JmsComponent jms(String url) {
        return JmsComponent.jmsComponentAutoAcknowledge(new ActiveMQConnectionFactory(url + "?consumerWindowSize=0"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        try (var files = Files.walk(dataDir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
