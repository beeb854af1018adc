package io.github.camelkeboola.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.springboot.KeboolaCatalog.Option;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.PropertyConfigurerGetter;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.support.processor.state.MemoryStateRepository;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * {@code camel.component.keboola.*} reaches the component as users write it. The options come from keboola.json,
 * so an option added to the component is covered without touching this test.
 */
class KeboolaComponentAutoConfigurationTest {

    /** Set by Surefire for this module (see pom.xml): a real environment variable. */
    private static final String TOKEN_VARIABLE = "KEBOOLA_STARTER_TEST_TOKEN";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, KeboolaComponentAutoConfiguration.class));

    @Test
    void everyComponentOptionBindsOntoTheComponent() {
        Map<String, Object> expected = new HashMap<>();
        List<String> properties = new ArrayList<>();
        for (Option option : KeboolaCatalog.componentOptions()) {
            if (option.type().equals("object")) {
                continue; // bean references: objectOptionsBindAsBeanReferences
            }
            String[] written = sample(option);
            properties.add(option.property() + "=" + written[0]);
            expected.put(option.name(), written[1]);
        }
        assertThat(expected).isNotEmpty();
        runner.withPropertyValues(properties.toArray(String[]::new)).run(context -> {
            KeboolaComponent component = keboola(context);
            PropertyConfigurerGetter getter = (PropertyConfigurerGetter) component.getComponentPropertyConfigurer();
            SoftAssertions softly = new SoftAssertions();
            expected.forEach((name, value) -> softly.assertThat(String.valueOf(getter.getOptionValue(component, name, false)))
                    .as(name).isEqualTo(value));
            softly.assertAll();
        });
    }

    @Test
    void aPropertyLeftUnsetKeepsTheComponentDefault() {
        runner.withPropertyValues("camel.component.keboola.max-retries=0").run(context -> {
            KeboolaConfiguration configuration = keboola(context).getConfiguration();
            assertThat(configuration.getMaxRetries()).isZero();
            KeboolaConfiguration defaults = new KeboolaConfiguration();
            assertThat(configuration.getRequestTimeout()).isEqualTo(defaults.getRequestTimeout());
            assertThat(configuration.getStackUrl()).isEqualTo(defaults.getStackUrl());
        });
    }

    @Test
    void durationsBindInSpringsFormsAndPlainMilliseconds() {
        runner.withPropertyValues("camel.component.keboola.connect-timeout=30s",
                "camel.component.keboola.request-timeout=PT2M",
                "camel.component.keboola.job-timeout=6h",
                "camel.component.keboola.retry-initial-delay=1500").run(context -> {
            KeboolaConfiguration configuration = keboola(context).getConfiguration();
            assertThat(configuration.getConnectTimeout()).isEqualTo(30_000L);
            assertThat(configuration.getRequestTimeout()).isEqualTo(120_000L);
            assertThat(configuration.getJobTimeout()).isEqualTo(6 * 3_600_000L);
            assertThat(configuration.getRetryInitialDelay()).isEqualTo(1_500L);
        });
    }

    @Test
    void theTokenComesFromSpringAndCamelPlaceholders() {
        assertThat(System.getenv(TOKEN_VARIABLE)).as("set by Surefire").isNotBlank();
        runner.withPropertyValues("camel.component.keboola.token=${" + TOKEN_VARIABLE + "}").run(context ->
                assertThat(keboola(context).getConfiguration().getToken()).isEqualTo(System.getenv(TOKEN_VARIABLE)));
        runner.withPropertyValues("camel.component.keboola.token={{env:" + TOKEN_VARIABLE + "}}").run(context ->
                assertThat(keboola(context).getConfiguration().getToken()).isEqualTo(System.getenv(TOKEN_VARIABLE)));
    }

    @Test
    void objectOptionsBindAsBeanReferences() {
        StateRepository<String, String> cursors = new MemoryStateRepository();
        KeboolaConfiguration defaults = new KeboolaConfiguration();
        defaults.setStackUrl("https://connection.north-europe.azure.keboola.com");
        runner.withBean("cursors", StateRepository.class, () -> cursors)
                .withBean("keboolaDefaults", KeboolaConfiguration.class, () -> defaults)
                .withPropertyValues("camel.component.keboola.configuration=#keboolaDefaults",
                        "camel.component.keboola.state-repository=#bean:cursors",
                        "camel.component.keboola.max-retries=2")
                .run(context -> {
                    KeboolaConfiguration configuration = keboola(context).getConfiguration();
                    assertThat(configuration).isSameAs(defaults);
                    assertThat(configuration.getStackUrl()).isEqualTo("https://connection.north-europe.azure.keboola.com");
                    assertThat(configuration.getMaxRetries()).as("a single option refines the bean").isEqualTo(2);
                    assertThat(configuration.getStateRepository()).isSameAs(cursors);
                });
    }

    @Test
    void connectionDetailsWinOverTheProperties() {
        KeboolaConnectionDetails details = new KeboolaConnectionDetails() {
            @Override
            public String stackUrl() {
                return "http://127.0.0.1:9";
            }

            @Override
            public String token() {
                return "from-connection-details";
            }
        };
        runner.withBean(KeboolaConnectionDetails.class, () -> details)
                .withPropertyValues("camel.component.keboola.stack-url=https://connection.keboola.com",
                        "camel.component.keboola.token=from-properties")
                .run(context -> {
                    KeboolaConfiguration configuration = keboola(context).getConfiguration();
                    assertThat(configuration.getStackUrl()).isEqualTo("http://127.0.0.1:9");
                    assertThat(configuration.getToken()).isEqualTo("from-connection-details");
                });
    }

    @Test
    void disabledAutoConfigurationLeavesTheComponentAlone() {
        Consumer<ApplicationContext> keepsDefaults = context ->
                assertThat(keboola(context).getConfiguration().getMaxRetries())
                        .isEqualTo(new KeboolaConfiguration().getMaxRetries());
        runner.withPropertyValues("camel.component.keboola.enabled=false", "camel.component.keboola.max-retries=0")
                .run(keepsDefaults::accept);
        runner.withPropertyValues("camel.component.keboola.customizer.enabled=false",
                "camel.component.keboola.max-retries=0").run(keepsDefaults::accept);
    }

    private static KeboolaComponent keboola(ApplicationContext context) {
        return context.getBean(CamelContext.class).getComponent("keboola", KeboolaComponent.class);
    }

    /** A value unlike the default, as written in a properties file, and the value the component then holds. */
    private static String[] sample(Option option) {
        JsonNode defaultValue = option.defaultValue();
        switch (option.type()) {
            case "boolean": {
                String value = String.valueOf(defaultValue == null || !defaultValue.asBoolean());
                return new String[] {value, value};
            }
            case "integer": {
                String value = String.valueOf(defaultValue == null ? 7 : defaultValue.asLong() + 1);
                return new String[] {value, value};
            }
            case "duration":
                return new String[] {"17s", "17000"};
            case "enum": {
                List<String> values = option.enumValues();
                String value = values.get(values.size() - 1).equals(text(defaultValue))
                        ? values.get(0) : values.get(values.size() - 1);
                return new String[] {value, value};
            }
            case "string": {
                String value = text(defaultValue).length() == 1
                        ? (text(defaultValue).equals(";") ? "|" : ";")
                        : "sample-" + option.name();
                return new String[] {value, value};
            }
            default:
                throw new IllegalStateException("No sample for " + option.name() + " of type " + option.type());
        }
    }

    private static String text(JsonNode node) {
        return node == null ? "" : node.asText();
    }
}
