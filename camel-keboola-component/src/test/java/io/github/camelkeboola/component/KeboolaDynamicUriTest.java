package io.github.camelkeboola.component;

import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spi.EndpointUriFactory;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The paths that go through the generated URI factory: dynamic endpoints (toD, pollEnrich) and the factory itself.
 * camel-keboola-compat runs this on every supported Camel line against the one built jar, where the factory's
 * {@code multiValuePrefixes()} has a different return type before and after Camel 4.17.
 */
class KeboolaDynamicUriTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    @Override
    protected CamelContext createCamelContext() throws Exception {
        CamelContext context = super.createCamelContext();
        KeboolaComponent keboola = EmulatorComponents.pointedAt(KEBOOLA.emulator());
        context.addComponent("keboola", keboola);
        return context;
    }

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:import").toD("keboola:${header.table}?primaryKey=id&incremental=${header.incremental}");
                // a consumer outside a route has no route id to key its cursor by: stateKey names it
                from("direct:poll")
                        .pollEnrich().simple("keboola:${header.table}?outputType=rows&stateKey=${header.table}/poll"
                                             + "&delay=100&initialDelay=0")
                        .timeout(60_000);
            }
        };
    }

    @Test
    void toDImportsAndPollEnrichConsumesTheTableItNamesAtRunTime() {
        String table = "in.c-dynamic.orders";
        Exchange imported = template.request("direct:import", e -> {
            e.getIn().setHeader("table", table);
            e.getIn().setHeader("incremental", false);
            e.getIn().setBody("id,status\n1,new\n");
        });
        assertThat(imported.getException()).isNull();
        assertThat(imported.getMessage().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo(table);

        Exchange polled = template.request("direct:poll", e -> e.getIn().setHeader("table", table));

        assertThat(polled.getException()).isNull();
        assertThat(polled.getMessage().getBody(Map.class)).containsEntry("id", "1").containsEntry("status", "new");
        assertThat(polled.getMessage().getHeader(KeboolaConstants.TABLE_ID)).isEqualTo(table);
    }

    @Test
    void uriFactoryAnswersInTheFormOfTheRunningCamelLine() throws Exception {
        // camel-keboola-compat names the line it swapped in; the check that the swap took
        assertThat(context.getVersion()).isEqualTo(System.getProperty("camel.line", context.getVersion()));
        EndpointUriFactory factory = context.getCamelContextExtension().getEndpointUriFactory("keboola");

        // called as the running Camel's interface declares it: Set (4.14 to 4.16) or Map (4.17 on)
        Object prefixes = EndpointUriFactory.class.getMethod("multiValuePrefixes").invoke(factory);
        Collection<?> values = prefixes instanceof Map<?, ?> map ? map.values() : (Collection<?>) prefixes;
        assertThat(values).map(String::valueOf).containsExactlyInAnyOrder("scheduler.", "variable.", "columnMetadata.");

        Map<String, Object> options = new LinkedHashMap<>();
        options.put("tableId", "in.c-main.orders");
        options.put("operation", "exportTable");
        options.put("delay", 5000);
        assertThat(factory.buildUri("keboola", options, false))
                .isEqualTo("keboola:in.c-main.orders?delay=5000&operation=exportTable");
        assertThat(factory.secretPropertyNames()).containsExactly("token");
    }
}
