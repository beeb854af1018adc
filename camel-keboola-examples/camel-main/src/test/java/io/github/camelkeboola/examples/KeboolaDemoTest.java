package io.github.camelkeboola.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KeboolaDemoTest {

    @Test
    void demoRunsAgainstTheEmbeddedEmulatorAndExits() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exitCode = KeboolaDemo.run(new String[0], Map.of(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        String output = printed.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(output).isZero();
        assertThat(output)
                .contains("using the embedded Keboola Storage API emulator")
                .contains("1. Imported 418 rows of time_zones.csv into in.c-camel-keboola-demo.time_zones")
                .contains("table created")
                .contains("\"zone\",\"country_code\",\"country\",\"latitude\",\"longitude\",\"comments\"")
                .contains("3. Started the changes consumer (outputType=rows): its first poll delivered the 418 rows there are")
                .contains("4. Upserted 2 rows incrementally by primary key (Europe/Prague updated, Etc/UTC added): the table has 419 rows")
                .contains("5. The changes consumer delivered the 2 rows the upsert changed:\n"
                          + "     Etc/UTC: Coordinated Universal Time, not in zone.tab\n"
                          + "     Europe/Prague: home of this demo\n")
                .contains("6. Exported 419 rows and turned them into JSON")
                .contains("{\"zone\":\"Africa/Abidjan\",\"country_code\":\"CI\",\"country\":\"Côte d'Ivoire\"")
                .endsWith("Done.\n");
    }
}
