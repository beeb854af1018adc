package io.github.camelkeboola.examples.jbang;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code camel run keboola-kamelet.camel.yaml --dep=io.github.camelkeboola:camel-keboola-kamelets:<version>}: the
 * Kamelets jar is the only dependency given; the component comes from the keboola-sink Kamelet's own dependencies.
 */
class KeboolaKameletJBangIT {

    private static final String TABLE = "in.c-jbang.kamelet_greetings";

    @Test
    void theKameletBringsTheComponentItNames() throws Exception {
        CamelJBang.assumeNoStackInEnvironment();
        assertThat(CamelJBang.onClasspath("io.github.camelkeboola.component.KeboolaComponent")).isFalse();
        assertThat(KeboolaKameletJBangIT.class.getResource("/kamelets/keboola-sink.kamelet.yaml")).isNull();

        try (CamelJBang.Console console = CamelJBang.captureConsole();
             KeboolaEmulator emulator = KeboolaEmulator.builder().start()) {
            int exitCode = CamelJBang.run(CamelJBang.route("keboola-kamelet.camel.yaml"),
                    "io.github.camelkeboola:camel-keboola-kamelets:" + CamelJBang.version(), emulator);

            assertThat(exitCode).as(console.text()).isZero();
            assertThat(console.text())
                    .contains("The keboola-sink Kamelet loaded 2 rows into " + TABLE)
                    .doesNotContain(emulator.token());
            assertThat(CamelJBang.table(emulator, TABLE).path("rowsCount").asLong()).isEqualTo(2);
        }
    }
}
