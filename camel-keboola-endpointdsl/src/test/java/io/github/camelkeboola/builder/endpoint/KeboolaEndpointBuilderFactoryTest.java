package io.github.camelkeboola.builder.endpoint;

import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.AdvancedKeboolaEndpointBuilder;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.AdvancedKeboolaEndpointConsumerBuilder;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.AdvancedKeboolaEndpointProducerBuilder;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.KeboolaBuilders;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.KeboolaEndpointBuilder;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.KeboolaEndpointConsumerBuilder;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.KeboolaEndpointProducerBuilder;
import io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.KeboolaHeaderNameBuilder;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaEndpoint;
import io.github.camelkeboola.component.KeboolaOperation;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.tooling.catalog.ComponentModel;
import io.github.camelkeboola.tooling.catalog.Header;
import io.github.camelkeboola.tooling.catalog.Option;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.EndpointConsumerBuilder;
import org.apache.camel.builder.endpoint.AbstractEndpointBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.stream.Stream;

import static io.github.camelkeboola.builder.endpoint.KeboolaEndpointBuilderFactory.keboola;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The builder covers the catalog (every option and header of keboola.json, read at test time) and builds the same
 * endpoints as the string URIs routes use.
 */
class KeboolaEndpointBuilderFactoryTest {

    private static final ComponentModel CATALOG = ComponentModel.read(EndpointDslUpToDateTest.CATALOG);
    private static final String TABLE = "in.c-main.orders";

    private CamelContext context;

    @BeforeEach
    void startContext() {
        context = new DefaultCamelContext();
        context.getPropertiesComponent().addInitialProperty("keboola.token", "t0ken");
        context.getRegistry().bind("cursorFile", new MemoryStateRepository());
        // the recommended setup: the token on the component; URIs with a token override it
        context.getComponent("keboola", KeboolaComponent.class).getConfiguration().setToken("component-token");
        context.start();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    @Test
    void everyEndpointOptionIsReachableOnTheBuildersOfItsSide() throws Exception {
        List<Option> options = CATALOG.queryOptions();
        assertThat(options).isNotEmpty();
        for (Option option : options) {
            Class<?> combined = option.isAdvanced() ? AdvancedKeboolaEndpointBuilder.class : KeboolaEndpointBuilder.class;
            Class<?> consumer = option.isAdvanced() ? AdvancedKeboolaEndpointConsumerBuilder.class
                    : KeboolaEndpointConsumerBuilder.class;
            Class<?> producer = option.isAdvanced() ? AdvancedKeboolaEndpointProducerBuilder.class
                    : KeboolaEndpointProducerBuilder.class;
            assertThat(hasOption(combined, option)).as("%s on %s", option.name(), combined.getSimpleName()).isTrue();
            assertThat(hasOption(consumer, option)).as("%s on the consumer builder", option.name())
                    .isEqualTo(!option.isProducerOnly());
            assertThat(hasOption(producer, option)).as("%s on the producer builder", option.name())
                    .isEqualTo(!option.isConsumerOnly());

            Object builder = option.isAdvanced() ? keboola(TABLE).advanced() : keboola(TABLE);
            String uri;
            if (option.multiValue()) {
                combined.getMethod(option.name(), String.class, Object.class).invoke(builder, "k", "v");
                uri = ((EndpointConsumerBuilder) builder).getRawUri();
                assertThat(uri).as(option.name()).isEqualTo("keboola://" + TABLE + "?" + option.prefix() + "k=v");
            } else {
                combined.getMethod(option.name(), String.class).invoke(builder, "v1");
                uri = ((EndpointConsumerBuilder) builder).getRawUri();
                assertThat(uri).as(option.name()).isEqualTo("keboola://" + TABLE + "?" + option.name() + "=v1");
                if (!"java.lang.String".equals(option.javaType())) {
                    Class<?> returned = combined.getMethod(option.name(), javaClass(option)).getReturnType();
                    assertThat(returned.isAssignableFrom(combined)).as("typed %s", option.name()).isTrue();
                }
            }
        }
    }

    @Test
    void everyHeaderHasItsName() throws Exception {
        KeboolaHeaderNameBuilder names = new KeboolaBuilders() {
        }.keboola();
        assertThat(CATALOG.headers()).isNotEmpty();
        for (Header header : CATALOG.headers()) {
            String method = Character.toLowerCase(header.name().charAt("Camel".length()))
                            + header.name().substring("Camel".length() + 1);
            assertThat(KeboolaHeaderNameBuilder.class.getMethod(method).invoke(names)).isEqualTo(header.name());
        }
    }

    @Test
    void buildsTheEndpointsOfTheStringUrisRoutesUse() {
        // the README's and the demo's URIs
        assertSameEndpoint(keboola(TABLE).token("{{keboola.token}}").stackUrl("https://connection.eu-central-1.keboola.com")
                        .incremental(true).primaryKey("id"),
                "keboola:in.c-main.orders?token={{keboola.token}}&stackUrl=https://connection.eu-central-1.keboola.com"
                + "&incremental=true&primaryKey=id");
        assertSameEndpoint(keboola(TABLE).token("{{keboola.token}}").operation(KeboolaOperation.exportTable)
                        .outputType(KeboolaOutputType.rows).changedSince("-1 days"),
                "keboola:in.c-main.orders?token={{keboola.token}}&operation=exportTable&outputType=rows&changedSince=-1 days");
        assertSameEndpoint(keboola(TABLE).token("{{keboola.token}}").delay(60000).stateRepository("#cursorFile")
                        .outputType("rows"),
                "keboola:in.c-main.orders?token={{keboola.token}}&delay=60000&stateRepository=#cursorFile&outputType=rows");
        assertSameEndpoint(keboola(TABLE).operation("previewTable").limit(5),
                "keboola:in.c-main.orders?operation=previewTable&limit=5");
        assertSameEndpoint(keboola(TABLE).token("{{keboola.token}}").advanced().jobTimeout("30m").maxRetries(2).basic()
                        .withoutHeaders(true).columns("id,name"),
                "keboola:in.c-main.orders?token={{keboola.token}}&jobTimeout=30m&maxRetries=2&withoutHeaders=true&columns=id,name");
        assertSameEndpoint(keboola("").operation(KeboolaOperation.getJob), "keboola:?operation=getJob");
    }

    @Test
    void typedValuesReachTheEndpoint() {
        StateRepository<String, String> cursor = new MemoryStateRepository();
        KeboolaEndpoint endpoint = (KeboolaEndpoint) keboola(TABLE).token("t").stateRepository(cursor)
                .advanced().stateKey("orders/erp").basic().maxMessagesPerPoll(10).resolve(context);

        assertThat(endpoint.getConfiguration().getStateRepository()).isSameAs(cursor);
        assertThat(endpoint.getConfiguration().getStateKey()).isEqualTo("orders/erp");
        assertThat(endpoint.getConfiguration().getMaxMessagesPerPoll()).isEqualTo(10);
    }

    /** Camel keys endpoints by their normalized URI: the same instance means the same URI. */
    private void assertSameEndpoint(Object builder, String uri) {
        assertThat(((AbstractEndpointBuilder) builder).resolve(context)).as(uri).isSameAs(context.getEndpoint(uri));
    }

    private static boolean hasOption(Class<?> builder, Option option) {
        return Stream.of(builder.getMethods()).map(Method::getName).anyMatch(option.name()::equals);
    }

    private static Class<?> javaClass(Option option) throws ClassNotFoundException {
        return switch (option.rawJavaType()) {
            case "boolean" -> boolean.class;
            case "int" -> int.class;
            case "long" -> long.class;
            default -> Class.forName(option.rawJavaType());
        };
    }
}
