package io.github.camelkeboola.component.consumer;

import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.console.DevConsole;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.util.json.JsonObject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The consumer's state as operators see it: the polling consumer's health check and the dev console. */
class KeboolaConsumerObservabilityTest extends ConsumerTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    @Test
    void healthCheckIsUpWhilePollsSucceedAndDownWithTheHttpStatusWhenTheyFail() throws Exception {
        String tableId = newTableId();
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token())) {
            writer.create(tableId, "id,status\n1,new\n");
        }
        context = new DefaultCamelContext();
        // as camel-main does with camel.health.consumersEnabled (the default there)
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        registry.register(registry.resolveById("consumers"));
        registry.setExposureLevel("full");
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri(KEBOOLA.emulator(), tableId, "")).routeId("present").to("log:present");
                from(uri(KEBOOLA.emulator(), "in.c-consumer.missing", "")).routeId("missing").to("log:missing");
            }
        });
        context.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(
                List.of(HealthCheck.State.UP, HealthCheck.State.DOWN),
                Arrays.asList(state(context, "consumer:present"), state(context, "consumer:missing")),
                () -> HealthCheckHelper.invokeReadiness(context).stream()
                        .map(r -> r.getCheck().getId() + "=" + r.getState()).toList().toString()));
        HealthCheck.Result missing = result(context, "consumer:missing").orElseThrow();
        assertEquals(404, missing.getDetails().get(HealthCheck.HTTP_RESPONSE_CODE));
        assertTrue(missing.getError().orElseThrow().getMessage().contains("in.c-consumer.missing"));
    }

    @Test
    void devConsoleShowsTableCursorLastPollAndJob() throws Exception {
        String tableId = newTableId();
        try (TableWriter writer = new TableWriter(KEBOOLA.emulator().baseUrl(), KEBOOLA.emulator().token())) {
            writer.create(tableId, "id,status\n1,new\n");
        }
        Delivered delivered = new Delivered();
        context = start(uri(KEBOOLA.emulator(), tableId, "outputType=rows"), delivered, Map.of());
        await().until(() -> delivered.size() == 1 && consumer(context).getCursor() != null);

        DevConsole console = PluginHelper.getDevConsoleResolver(context).resolveDevConsole("keboola");
        assertNotNull(console, "the generated dev-console service entry finds the console");
        String text = (String) console.call(DevConsole.MediaType.TEXT);
        assertTrue(text.contains("Table: " + tableId), text);
        assertTrue(text.contains("in memory"), text);

        JsonObject json = (JsonObject) console.call(DevConsole.MediaType.JSON);
        @SuppressWarnings("unchecked")
        Map<String, Object> entry = ((List<Map<String, Object>>) json.get("consumers")).get(0);
        assertEquals(ROUTE_ID, entry.get("routeId"));
        assertEquals(tableId, entry.get("tableId"));
        assertEquals(consumer(context).getCursor(), entry.get("cursor"));
        assertEquals(delivered.all().get(0).jobId(), entry.get("lastJobId"));
        assertNotNull(entry.get("lastPollTime"));
        assertFalse(text.contains(KEBOOLA.emulator().token()), "no token in the console");
    }

    private static HealthCheck.State state(CamelContext context, String id) {
        return result(context, id).map(HealthCheck.Result::getState).orElse(null);
    }

    private static Optional<HealthCheck.Result> result(CamelContext context, String id) {
        return HealthCheckHelper.invokeReadiness(context).stream().filter(r -> r.getCheck().getId().equals(id)).findFirst();
    }
}
