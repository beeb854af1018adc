package io.github.camelkeboola.springboot.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

/**
 * {@code @EmbeddedKeboolaEmulator} points the component at an emulator it starts, over the stack URL and token an
 * application's own configuration names (here a production stack), and routes work against it.
 */
@SpringBootTest(properties = {
        "camel.component.keboola.stack-url=https://connection.keboola.com",
        "camel.component.keboola.token=${KEBOOLA_TOKEN:production-token}"})
@EmbeddedKeboolaEmulator(provider = "azure")
@DirtiesContext
class EmbeddedKeboolaEmulatorTest {

    @SpringBootApplication
    static class App {
        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:import").to("keboola:in.c-embedded.people?primaryKey=id");
                    from("direct:preview").to("keboola:in.c-embedded.people?operation=previewTable");
                }
            };
        }
    }

    @Autowired
    KeboolaEmulator emulator;
    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate template;

    @Test
    void theComponentUsesTheEmulatorInsteadOfTheConfiguredStack() {
        KeboolaConfiguration configuration = camelContext.getComponent("keboola", KeboolaComponent.class).getConfiguration();
        assertThat(configuration.getStackUrl()).isEqualTo(emulator.baseUrl()).startsWith("http://127.0.0.1:");
        assertThat(configuration.getToken()).isEqualTo(emulator.token());
    }

    @Test
    void routesLoadAndReadATableOfTheEmulator() {
        template.sendBody("direct:import", "id,name\n1,Ada\n2,Linus\n");

        String preview = template.requestBody("direct:preview", null, String.class);

        assertThat(preview.lines()).containsExactly("\"id\",\"name\"", "\"1\",\"Ada\"", "\"2\",\"Linus\"");
    }
}
