package io.github.camelkeboola.examples.jbang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code camel run keboola-import.camel.yaml --dep=io.github.camelkeboola:camel-keboola-component:<version>}, through
 * Camel JBang's own main in this JVM, against the embedded emulator. The component is not on this test's classpath:
 * Camel JBang resolves it by its coordinates from a private local repository (target/jbang-m2, filled by the build
 * with the packaged component), and its dependencies from the build's local repository used as a read-only remote.
 */
class KeboolaJBangIT {

    private static final String TABLE = "in.c-jbang.greetings";

    @Test
    void camelRunResolvesTheComponentAndRunsTheYamlRoute() throws Exception {
        // {{keboola.token}} would come from KEBOOLA_TOKEN first: never let a test reach a stack named there
        assumeTrue(System.getenv("KEBOOLA_TOKEN") == null && System.getenv("KEBOOLA_URL") == null,
                "KEBOOLA_TOKEN or KEBOOLA_URL is set in the environment");
        assertThat(classOnClasspath("io.github.camelkeboola.component.KeboolaComponent"))
                .as("the component must come from --dep, not from the test classpath").isFalse();

        // what Camel JBang prints and logs, kept from before logging starts (the emulator's logging starts it)
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream console = System.out;
        System.setOut(new PrintStream(new Tee(console, printed), true, StandardCharsets.UTF_8));
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().start()) {
            Files.createDirectories(Path.of(property("user.home")));
            System.setProperty("maven.repo.local", property("jbang.localRepository"));

            AtomicInteger exitCode = new AtomicInteger(-1);
            assertTimeoutPreemptively(Duration.ofMinutes(5), () -> CamelJBangMain.run(new CamelJBangMain() {
                @Override
                public void quit(int code) {
                    exitCode.set(code);
                }
            },
                    "run", property("jbang.route"),
                    "--dep=io.github.camelkeboola:camel-keboola-component:" + property("project.version"),
                    "--repos=" + Path.of(property("jbang.dependencyRepository")).toUri(),
                    "--maven-central-enabled=false", "--maven-apache-snapshot-enabled=false",
                    "--prop=keboola.url=" + emulator.baseUrl(), "--prop=keboola.token=" + emulator.token(),
                    // one timer exchange, then Camel stops; the time limit only bounds a failure
                    "--max-messages=1", "--max-seconds=240", "--logging-color=false"));

            String output = printed.toString(StandardCharsets.UTF_8);
            assertThat(exitCode.get()).as(output).isZero();
            assertThat(output)
                    .contains("Imported 2 rows into " + TABLE)
                    .contains("\"1\",\"hello\"")
                    .doesNotContain(emulator.token());
            JsonNode table = getTable(emulator);
            assertThat(table.path("rowsCount").asLong()).isEqualTo(2);
            assertThat(table.path("primaryKey").toString()).isEqualTo("[\"id\"]");
        } finally {
            System.setOut(console);
        }
    }

    private static JsonNode getTable(KeboolaEmulator emulator) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/storage/tables/" + TABLE))
                        .header("X-StorageApi-Token", emulator.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    private static boolean classOnClasspath(String name) {
        try {
            Class.forName(name, false, KeboolaJBangIT.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String property(String name) {
        return Objects.requireNonNull(System.getProperty(name), () -> "the build passes " + name);
    }

    /** Writes to the console and keeps a copy, to read what Camel JBang printed and logged. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws java.io.IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            first.write(b, off, len);
            second.write(b, off, len);
        }

        @Override
        public void flush() throws java.io.IOException {
            first.flush();
            second.flush();
        }
    }
}
