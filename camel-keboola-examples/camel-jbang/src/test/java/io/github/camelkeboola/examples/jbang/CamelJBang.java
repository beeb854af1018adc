package io.github.camelkeboola.examples.jbang;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.dsl.jbang.core.commands.CamelJBangMain;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code camel run <route> --dep=<coordinates>} through Camel JBang's own main in this JVM, against an emulator. What
 * {@code --dep} names is resolved by its coordinates from a private local repository (target/jbang-m2, which the build
 * fills with this reactor's jars), everything else from the build's local repository used as a read-only remote;
 * Maven Central is off. Each IT class runs in a JVM of its own (Camel JBang keeps static state).
 */
final class CamelJBang {

    /**
     * A copy of what goes to the console, from before logging starts (log4j2's console appender keeps the stream it
     * found first, and the emulator's logging starts it).
     */
    static final class Console implements AutoCloseable {
        private final PrintStream original = System.out;
        private final ByteArrayOutputStream copy = new ByteArrayOutputStream();

        private Console() {
            System.setOut(new PrintStream(new Tee(original, copy), true, StandardCharsets.UTF_8));
        }

        String text() {
            return copy.toString(StandardCharsets.UTF_8);
        }

        @Override
        public void close() {
            System.setOut(original);
        }
    }

    private CamelJBang() {
    }

    /** Skips the test when the environment names a stack: {{keboola.token}} resolves from KEBOOLA_TOKEN first. */
    static void assumeNoStackInEnvironment() {
        assumeTrue(System.getenv("KEBOOLA_TOKEN") == null && System.getenv("KEBOOLA_URL") == null,
                "KEBOOLA_TOKEN or KEBOOLA_URL is set in the environment");
    }

    static String version() {
        return property("project.version");
    }

    static Path route(String fileName) {
        return Path.of(property("jbang.routes"), fileName);
    }

    static Console captureConsole() {
        return new Console();
    }

    /** Runs the route until its one timer exchange completed (the time limit only bounds a failure); the exit code. */
    static int run(Path route, String dependency, KeboolaEmulator emulator) throws IOException {
        Files.createDirectories(Path.of(property("user.home")));
        System.setProperty("maven.repo.local", property("jbang.localRepository"));
        List<String> args = new ArrayList<>(List.of("run", route.toString(), "--dep=" + dependency,
                "--repos=" + Path.of(property("jbang.dependencyRepository")).toUri(),
                "--maven-central-enabled=false", "--maven-apache-snapshot-enabled=false",
                "--prop=keboola.url=" + emulator.baseUrl(), "--prop=keboola.token=" + emulator.token(),
                "--max-messages=1", "--max-seconds=240", "--logging-color=false"));
        AtomicInteger exitCode = new AtomicInteger(-1);
        assertTimeoutPreemptively(Duration.ofMinutes(5), () -> CamelJBangMain.run(new CamelJBangMain() {
            @Override
            public void quit(int code) {
                exitCode.set(code);
            }
        }, args.toArray(String[]::new)));
        return exitCode.get();
    }

    /** The table's detail, read from the emulator's Storage API. */
    static JsonNode table(KeboolaEmulator emulator, String tableId) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/v2/storage/tables/" + tableId))
                        .header("X-StorageApi-Token", emulator.token()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return new ObjectMapper().readTree(response.body());
    }

    static boolean onClasspath(String className) {
        try {
            Class.forName(className, false, CamelJBang.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    private static String property(String name) {
        return Objects.requireNonNull(System.getProperty(name), () -> "the build passes " + name);
    }

    /** Writes to the console and keeps a copy. */
    private static final class Tee extends OutputStream {
        private final OutputStream console;
        private final OutputStream copy;

        Tee(OutputStream console, OutputStream copy) {
            this.console = console;
            this.copy = copy;
        }

        @Override
        public void write(int b) throws IOException {
            console.write(b);
            copy.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            console.write(b, off, len);
            copy.write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            console.flush();
            copy.flush();
        }
    }
}
