package io.github.camelkeboola.examples.springboot;

import java.nio.file.Path;

import io.github.camelkeboola.emulator.testcontainers.KeboolaEmulatorContainer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.annotation.DirtiesContext;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The app against the emulator in a container, connected by {@code @ServiceConnection} alone (no properties).
 * Skipped without a Docker engine; {@code .ci/run} starts one and names a locally built base image in
 * KEBOOLA_EMULATOR_BASE_IMAGE, as no image registry is reachable there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Testcontainers(disabledWithoutDocker = true)
@DirtiesContext
class KeboolaSpringBootExampleContainerIT extends ExampleAppFlow {

    @Container
    @ServiceConnection
    static final KeboolaEmulatorContainer KEBOOLA = new KeboolaEmulatorContainer(
            Path.of(System.getProperty("standalone.jar")), baseImage()).withProvider("gcp");

    @Override
    String stackUrl() {
        return KEBOOLA.getBaseUrl();
    }

    private static String baseImage() {
        String configured = System.getenv("KEBOOLA_EMULATOR_BASE_IMAGE");
        return configured == null || configured.isBlank() ? KeboolaEmulatorContainer.DEFAULT_BASE_IMAGE : configured;
    }
}
