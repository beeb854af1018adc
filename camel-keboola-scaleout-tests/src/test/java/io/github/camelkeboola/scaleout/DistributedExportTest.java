package io.github.camelkeboola.scaleout;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One route exports a table of many slices to a queue (one message per slice, JSON text); three worker routes read a
 * slice each as it comes, with credentials they fetch themselves, and together deliver the table: every row once.
 */
class DistributedExportTest {

    private static final String TABLE = "in.c-scale.orders";
    private static final int ROWS = 1000;
    private static final int WORKERS = 3;

    @TempDir
    Path brokerDir;

    private KeboolaEmulator emulator;
    private EmbeddedArtemis broker;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        // 40 rows a slice: the export is 25 slices. Azure: the in-JVM blob service starts fastest (every provider's
        // slices are read one by one in the component's SlicedTransferTest).
        emulator = KeboolaEmulator.builder().provider("azure").sliceRows(40).start();
        broker = new EmbeddedArtemis(brokerDir);
        camel = new DefaultCamelContext();
        camel.addComponent("keboola", ScaleOut.keboolaOn(emulator));
        camel.addComponent("jms", broker.jms());
        camel.start();
        camel.createProducerTemplate().sendBody("keboola:" + TABLE + "?primaryKey=id", ScaleOut.rows(0, ROWS));
    }

    @AfterEach
    void stop() throws Exception {
        camel.close();
        broker.close();
        emulator.close();
    }

    @Test
    void threeWorkersReadTheSlicesOfOneExportAndTogetherDeliverTheTable() throws Exception {
        Queue<Map<String, String>> delivered = new ConcurrentLinkedQueue<>();
        Queue<String> messages = new ConcurrentLinkedQueue<>();
        Map<String, AtomicInteger> slicesPerWorker = new ConcurrentHashMap<>();
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:export")
                        .to("keboola:" + TABLE + "?operation=exportTable&outputType=slices")
                        .split(body())
                            .marshal().json()
                            .to("jms:queue:slices");

                for (int i = 1; i <= WORKERS; i++) {
                    String worker = "worker-" + i;
                    from("jms:queue:slices").routeId(worker)
                            .process(e -> messages.add(e.getIn().getBody(String.class)))
                            .process(e -> slicesPerWorker.computeIfAbsent(worker, w -> new AtomicInteger()).incrementAndGet())
                            .to("keboola:?operation=readSlice&outputType=rows")
                            .split(body()).streaming()
                                .process(e -> delivered.add(e.getIn().getBody(Map.class)));
                }
            }
        });

        camel.createProducerTemplate().sendBody("direct:export", null);

        await().atMost(Duration.ofSeconds(60)).until(() -> delivered.size() >= ROWS && messages.size() == 25);
        assertThat(exportJobs()).as("the export ran once").isEqualTo(1);
        assertThat(new ArrayList<>(delivered)).containsExactlyInAnyOrderElementsOf(ScaleOut.rows(0, ROWS));
        assertThat(slicesPerWorker).as("every worker read slices").hasSize(WORKERS);
        assertThat(slicesPerWorker.values()).allSatisfy(n -> assertThat(n.get()).isPositive());
        // what crossed the broker: the slice, not a credential (no presigned URL, no key, no token)
        for (String message : messages) {
            assertThat(message).contains("\"fileId\"", "\"url\":\"azure://", "\"columns\":[\"id\",\"name\",\"amount\"]",
                    "\"compression\":\"gzip\"");
            assertThat(message).doesNotContain("sig=", "SharedAccessSignature", emulator.token());
            emulator.issuedCredentials().forEach(secret -> assertThat(message).doesNotContain(secret));
        }
    }

    private long exportJobs() {
        return ScaleOut.jobs(emulator).stream().filter(job -> "tableExport".equals(job.get("operationName"))).count();
    }
}
