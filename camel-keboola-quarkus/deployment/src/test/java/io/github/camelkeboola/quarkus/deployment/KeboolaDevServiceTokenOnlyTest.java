package io.github.camelkeboola.quarkus.deployment;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A token without a stack URL is a token for the default stack: no emulator takes that stack's place. */
class KeboolaDevServiceTokenOnlyTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("camel.component.keboola.token", "token-for-the-default-stack");

    @Inject
    CamelContext camelContext;

    @Test
    void componentKeepsTheDefaultStack() {
        KeboolaConfiguration configuration = camelContext.getComponent("keboola", KeboolaComponent.class).getConfiguration();

        assertThat(configuration.getStackUrl()).isEqualTo("https://connection.keboola.com");
        assertThat(configuration.getToken()).isEqualTo("token-for-the-default-stack");
    }
}
