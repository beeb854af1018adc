package io.github.camelkeboola.builder.endpoint;

import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.KeboolaBuilders;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Routes written with the builders import into a table of the emulator and consume its changes. */
class KeboolaEndpointDslRoutesTest {

    private KeboolaEmulator emulator;
    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void importAndConsumeThroughTheBuilders() throws Exception {
        emulator = KeboolaEmulator.builder().start();
        context = new DefaultCamelContext();
        KeboolaComponent keboola = context.getComponent("keboola", KeboolaComponent.class);
        keboola.getConfiguration().setStackUrl(emulator.baseUrl());
        keboola.getConfiguration().setToken(emulator.token());
        List<Map<String, Object>> changes = new CopyOnWriteArrayList<>();
        List<Object> jobIds = new CopyOnWriteArrayList<>();

        class Routes extends RouteBuilder implements KeboolaBuilders {
            @Override
            public void configure() {
                from("direct:orders")
                    .to(keboola("in.c-dsl.orders").primaryKey("id").incremental(true))
                    .process(e -> jobIds.add(e.getMessage().getHeader(keboola().keboolaJobId())));
                from(keboola("in.c-dsl.orders").outputType(KeboolaOutputType.rows).initialDelay(0).delay(200))
                    .routeId("changes").autoStartup(false)
                    .process(e -> changes.add(e.getMessage().getBody(Map.class)));
            }
        }
        context.addRoutes(new Routes());
        context.start();

        context.createProducerTemplate().sendBody("direct:orders", "id,item\n1,apple\n2,pear\n");
        assertThat(jobIds).hasSize(1).doesNotContainNull();
        context.getRouteController().startRoute("changes");

        await().atMost(Duration.ofSeconds(60)).until(() -> changes.size() == 2);
        assertThat(changes).extracting(row -> (Object) row.get("item")).containsExactlyInAnyOrder("apple", "pear");
    }
}
