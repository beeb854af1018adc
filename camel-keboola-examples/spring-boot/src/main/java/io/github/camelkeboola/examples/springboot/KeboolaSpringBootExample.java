package io.github.camelkeboola.examples.springboot;

import java.util.Map;

import io.github.camelkeboola.springboot.test.KeboolaEmulatorInitializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * CSV files dropped into {@code example.inbox} load into {@code example.table} ({@code routes/load-csv.camel.yaml});
 * the table's changes are logged and served at {@code GET /changes} ({@link ChangesRoute}); health is at
 * {@code /actuator/health}. Everything is set in {@code application.yaml}. With {@code KEBOOLA_TOKEN} in the
 * environment it works on that stack ({@code KEBOOLA_STACK_URL}); without, on an embedded emulator.
 */
@SpringBootApplication
public class KeboolaSpringBootExample {

    public static void main(String[] args) {
        application(System.getenv()).run(args);
    }

    static SpringApplication application(Map<String, String> environment) {
        SpringApplication application = new SpringApplication(KeboolaSpringBootExample.class);
        String token = environment.get("KEBOOLA_TOKEN");
        if (token == null || token.isBlank()) {
            application.addInitializers(new KeboolaEmulatorInitializer());
        }
        return application;
    }
}
