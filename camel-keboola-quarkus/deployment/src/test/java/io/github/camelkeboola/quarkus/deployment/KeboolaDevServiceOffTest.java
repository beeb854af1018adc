package io.github.camelkeboola.quarkus.deployment;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** A configured stack URL keeps the emulator off: the component keeps the configured stack and token. */
class KeboolaDevServiceOffTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .overrideConfigKey("camel.component.keboola.stack-url", "https://connection.north-europe.azure.keboola.com")
            .overrideConfigKey("camel.component.keboola.token", "configured-token")
            .setLogRecordPredicate(record -> record.getMessage() != null && record.getMessage().contains("Dev Services for Keboola"))
            .assertLogRecords(records -> assertThat(records).isEmpty());

    @Inject
    CamelContext camelContext;

    @Test
    void componentKeepsTheConfiguredStack() {
        KeboolaConfiguration configuration = camelContext.getComponent("keboola", KeboolaComponent.class).getConfiguration();

        assertThat(configuration.getStackUrl()).isEqualTo("https://connection.north-europe.azure.keboola.com");
        assertThat(configuration.getToken()).isEqualTo("configured-token");
    }
}
