package io.github.camelkeboola.examples.springboot;

import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The app started through its main method, as {@code java -jar} starts it: with no KEBOOLA_TOKEN (Surefire
 * removes it from the environment) it runs on its embedded emulator.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        useMainMethod = SpringBootTest.UseMainMethod.ALWAYS)
@DirtiesContext
class KeboolaSpringBootExampleTest extends ExampleAppFlow {

    @Autowired
    KeboolaEmulator emulator;

    @Override
    String stackUrl() {
        return emulator.baseUrl();
    }
}
