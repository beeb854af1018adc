package io.github.camelkeboola.quarkus.deployment;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.quarkus.test.QuarkusUnitTest;
import jakarta.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** No stack configured, test mode: the extension starts the emulator (default: S3 flavour) and wires the component. */
class KeboolaDevServiceTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(TableRoundTrip.class, BuildItemsRecorder.class))
            .addBuildChainCustomizer(BuildItemsRecorder.asResource())
            .setLogRecordPredicate(record -> record.getLoggerName().startsWith("io.github.camelkeboola"))
            .assertLogRecords(KeboolaDevServiceTest::startedLineNamesUrlNotToken);

    @Inject
    CamelContext camelContext;

    @Inject
    ProducerTemplate producer;

    @Test
    void componentPointsAtTheEmulator() {
        KeboolaConfiguration configuration = camelContext.getComponent("keboola", KeboolaComponent.class).getConfiguration();

        assertThat(configuration.getStackUrl()).startsWith("http://127.0.0.1:");
        assertThat(configuration.getToken()).isNotBlank();
    }

    @Test
    void importsAndExportsThroughTheEmulator() throws Exception {
        TableRoundTrip.importAndExport(producer, "in.c-devservice.items");
    }

    @Test
    void registersWhatANativeImageNeeds() throws Exception {
        assertThat(BuildItemsRecorder.recorded("features")).contains("camel-keboola");
        assertThat(BuildItemsRecorder.recorded("native-resources"))
                .contains("META-INF/io/github/camelkeboola/component/keboola.json");
        assertThat(BuildItemsRecorder.recorded("reflective-classes")).contains(
                "io.github.camelkeboola.component.KeboolaComponent",
                "io.github.camelkeboola.component.KeboolaComponentConfigurer",
                "io.github.camelkeboola.component.KeboolaEndpointConfigurer",
                "io.github.camelkeboola.component.KeboolaEndpointUriFactory",
                "io.github.camelkeboola.component.consumer.KeboolaConsumerDevConsole",
                "io.github.camelkeboola.component.KeboolaOperation",
                "io.github.camelkeboola.component.KeboolaOutputType");
    }

    @Test
    void camelFindsTheDevConsoleAndTheUriFactory() {
        var extension = camelContext.getCamelContextExtension();
        assertThat(extension.getEndpointUriFactory("keboola")).isNotNull();
        assertThat(org.apache.camel.support.PluginHelper.getDevConsoleResolver(camelContext).resolveDevConsole("keboola"))
                .isNotNull();
    }

    private static void startedLineNamesUrlNotToken(List<java.util.logging.LogRecord> records) {
        List<String> messages = records.stream().map(r -> ((ExtLogRecord) r).getFormattedMessage()).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m)
                .contains("Dev Services for Keboola started the Storage API emulator (aws file storage) at http://127.0.0.1:"));
        // emulator tokens are <project>-<id>-<40 hex digits>
        assertThat(messages).noneMatch(m -> Arrays.stream(m.split("\\s+")).anyMatch(w -> w.matches(".*\\d+-\\d+-[0-9a-f]{40}.*")));
    }
}
