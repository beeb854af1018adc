package io.github.camelkeboola.examples.jbang;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code camel run keboola-import.camel.yaml --dep=io.github.camelkeboola:camel-keboola-component:<version>}. */
class KeboolaJBangIT {

    private static final String TABLE = "in.c-jbang.greetings";

    @Test
    void camelRunResolvesTheComponentAndRunsTheYamlRoute() throws Exception {
        CamelJBang.assumeNoStackInEnvironment();
        assertThat(CamelJBang.onClasspath("io.github.camelkeboola.component.KeboolaComponent"))
                .as("the component must come from --dep, not from the test classpath").isFalse();

        try (CamelJBang.Console console = CamelJBang.captureConsole();
             KeboolaEmulator emulator = KeboolaEmulator.builder().start()) {
            int exitCode = CamelJBang.run(CamelJBang.route("keboola-import.camel.yaml"),
                    "io.github.camelkeboola:camel-keboola-component:" + CamelJBang.version(), emulator);

            assertThat(exitCode).as(console.text()).isZero();
            assertThat(console.text())
                    .contains("Imported 2 rows into " + TABLE)
                    .contains("\"1\",\"hello\"")
                    .doesNotContain(emulator.token());
            JsonNode table = CamelJBang.table(emulator, TABLE);
            assertThat(table.path("rowsCount").asLong()).isEqualTo(2);
            assertThat(table.path("primaryKey").toString()).isEqualTo("[\"id\"]");
        }
    }
}
