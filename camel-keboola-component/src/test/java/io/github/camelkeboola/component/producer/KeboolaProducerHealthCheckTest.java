package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The producer readiness check as an application turns it on (camel.health.producersEnabled=true). */
class KeboolaProducerHealthCheckTest {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private Map<String, HealthCheck.State> readiness(boolean producersEnabled, String badToken) throws Exception {
        context = new DefaultCamelContext();
        HealthCheckRegistry registry = HealthCheckRegistry.get(context);
        HealthCheckRepository producers = (HealthCheckRepository) registry.resolveById("producers");
        // what camel-main does for camel.health.producersEnabled
        producers.setEnabled(producersEnabled);
        registry.register(producers);
        registry.setExposureLevel("full");
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(KEBOOLA.emulator().baseUrl());
        keboola.getConfiguration().setToken(KEBOOLA.emulator().token());
        keboola.getConfiguration().setMaxRetries(0);
        context.addComponent("keboola", keboola);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:good").to("keboola:in.c-main.orders");
                from("direct:bad").to("keboola:in.c-main.other?token=" + badToken);
            }
        });
        context.start();
        return HealthCheckHelper.invokeReadiness(context).stream()
                .collect(Collectors.toMap(r -> r.getCheck().getId(), HealthCheck.Result::getState));
    }

    @Test
    void readinessIsUpWithAValidTokenAndDownWithARejectedOne() throws Exception {
        String host = KEBOOLA.emulator().baseUrl().substring("http://".length());

        Map<String, HealthCheck.State> states = readiness(true, "rejected-token-value");

        assertThat(states)
                .containsEntry("producer:keboola-in.c-main.orders@" + host, HealthCheck.State.UP)
                .containsEntry("producer:keboola-in.c-main.other@" + host, HealthCheck.State.DOWN);
        assertThat(states.keySet()).noneMatch(id -> id.contains("rejected-token-value") || id.contains(KEBOOLA.emulator().token()));
    }

    @Test
    void producerChecksAreOptIn() throws Exception {
        assertThat(readiness(false, "rejected-token-value").keySet()).noneMatch(id -> id.startsWith("producer:keboola"));
    }
}
