package io.github.camelkeboola.component.management;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.api.ScriptedServer;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What JMX shows of a {@code keboola:} route (camel-management on the class path, as in most deployments). */
class KeboolaJmxTest {

    private static final String TOKEN = "555-jmx-secret-token-value";
    private final ScriptedServer server = new ScriptedServer();
    private CamelContext context;
    private java.util.Properties placeholders;

    KeboolaJmxTest() throws Exception {
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        server.close();
    }

    private List<String> everythingJmxShows(String endpointUri, KeboolaComponent component) throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        context = camel;
        if (placeholders != null) {
            context.getPropertiesComponent().setInitialProperties(placeholders);
        }
        if (component != null) {
            context.addComponent("keboola", component);
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:load").routeId("load").to(endpointUri);
            }
        });
        context.start();
        MBeanServer mbeans = context.getManagementStrategy().getManagementAgent().getMBeanServer();
        List<String> shown = new ArrayList<>();
        for (ObjectName name : mbeans.queryNames(new ObjectName("org.apache.camel:context=" + context.getManagementName() + ",*"), null)) {
            shown.add(name.toString());
            for (MBeanAttributeInfo attribute : mbeans.getMBeanInfo(name).getAttributes()) {
                try {
                    shown.add(name + " " + attribute.getName() + "=" + mbeans.getAttribute(name, attribute.getName()));
                } catch (Exception unreadable) {
                    // an attribute that cannot be read shows nothing
                }
            }
            // and what the read-only operations without parameters answer (route dumps, endpoint lists, explanations)
            for (javax.management.MBeanOperationInfo operation : mbeans.getMBeanInfo(name).getOperations()) {
                String op = operation.getName();
                if (operation.getSignature().length == 0 && (op.startsWith("dump") || op.startsWith("list") || op.startsWith("explain")
                                                              || op.startsWith("getEndpoint") || op.startsWith("information"))) {
                    try {
                        shown.add(name + " " + op + "()=" + mbeans.invoke(name, op, new Object[0], new String[0]));
                    } catch (Exception unanswered) {
                        // nothing shown
                    }
                }
            }
        }
        assertThat(shown).anyMatch(line -> line.contains("type=endpoints") && line.contains("keboola"));
        return shown;
    }

    @Test
    void aTokenWrittenInTheUriIsMaskedInEveryAttributeButRouteDumpsShowTheRouteAsWritten() throws Exception {
        List<String> shown = everythingJmxShows("keboola:in.c-main.orders?stackUrl=" + server.url() + "&token=" + TOKEN, null);

        // the endpoint, producer and route attributes mask it
        assertThat(shown).anyMatch(line -> line.contains("EndpointUri=") && line.contains("token=xxxxxx"));
        assertThat(shown).filteredOn(line -> !line.contains("()=")).noneMatch(line -> line.contains(TOKEN));
        // Camel's route and processor dumps print the route's text as written: a token literally in the URI shows there
        assertThat(shown).filteredOn(line -> line.contains("()=")).anyMatch(line -> line.contains("dump") && line.contains(TOKEN));
    }

    @Test
    void aTokenFromAPropertyPlaceholderShowsAsThePlaceholder() throws Exception {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("keboola.token", TOKEN);
        placeholders = properties;

        List<String> shown = everythingJmxShows("keboola:in.c-main.orders?stackUrl=" + server.url() + "&token={{keboola.token}}", null);

        assertThat(shown).anyMatch(line -> line.contains("{{keboola.token}}"));
        assertThat(shown).noneMatch(line -> line.contains(TOKEN));
    }

    @Test
    void aTokenSetOnTheComponentIsNotInAnyUri() throws Exception {
        KeboolaComponent keboola = new KeboolaComponent();
        keboola.getConfiguration().setStackUrl(server.url());
        keboola.getConfiguration().setToken(TOKEN);

        List<String> shown = everythingJmxShows("keboola:in.c-main.orders", keboola);

        assertThat(shown).noneMatch(line -> line.contains(TOKEN));
    }
}
