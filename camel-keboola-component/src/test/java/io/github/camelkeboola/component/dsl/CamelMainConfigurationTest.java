package io.github.camelkeboola.component.dsl;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Camel Main as running/camel-main.adoc configures it: the component from {@code camel.component.keboola.*}
 * properties, YAML and XML route files from {@code camel.main.routes-include-pattern}.
 */
class CamelMainConfigurationTest {

    @TempDir
    Path dir;

    private KeboolaEmulator emulator;
    private Main main;

    @AfterEach
    void stop() {
        if (main != null) {
            main.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void thePropertiesConfigureTheComponentAndLoadTheRouteFiles() throws Exception {
        emulator = KeboolaEmulator.builder().start();
        main = new Main();
        main.setDefaultPropertyPlaceholderLocation("classpath:camel-main/application.properties");
        // what the environment gives in production (KEBOOLA_STACK_URL, KEBOOLA_TOKEN) and the app's directories
        main.addOverrideProperty("camel.component.keboola.stack-url", emulator.baseUrl());
        main.addOverrideProperty("camel.component.keboola.token", emulator.token());
        main.addOverrideProperty("orders.inbox", dir.resolve("inbox").toString());
        main.addOverrideProperty("orders.outbox", dir.resolve("outbox").toString());
        main.start();
        CamelContext context = main.getCamelContext();

        KeboolaComponent keboola = context.getComponent("keboola", KeboolaComponent.class);
        assertThat(keboola.getConfiguration().getStackUrl()).isEqualTo(emulator.baseUrl());
        assertThat(keboola.getConfiguration().getJobTimeout()).isEqualTo(TimeUnit.MINUTES.toMillis(30));
        assertThat(context.getRoutes()).extracting(r -> r.getRouteId()).contains("orders-import", "orders-export");

        Files.createDirectories(dir.resolve("inbox"));
        Files.writeString(dir.resolve("inbox/orders.csv"), "id,item\n1,apple\n2,pear\n");
        await().atMost(Duration.ofSeconds(60)).until(() -> rowsCount(context) == 2);
    }

    private static long rowsCount(CamelContext context) {
        try {
            return ((Number) context.createFluentProducerTemplate().to("keboola:in.c-main.orders?operation=getTable")
                    .request(java.util.Map.class).get("rowsCount")).longValue();
        } catch (RuntimeException notYetCreated) {
            return -1;
        }
    }
}
