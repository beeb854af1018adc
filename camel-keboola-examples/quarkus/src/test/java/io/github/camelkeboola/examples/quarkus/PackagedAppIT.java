package io.github.camelkeboola.examples.quarkus;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Smoke test of what {@code quarkus:build} packaged: {@code java -jar target/quarkus-app/quarkus-run.jar} in prod
 * mode, pointed by KEBOOLA_STACK_URL and KEBOOLA_TOKEN at the emulator's standalone jar, imports a CSV, exports it
 * over HTTP, writes its changes, and stops on SIGTERM.
 */
class PackagedAppIT {

    private static final Duration STARTUP = Duration.ofSeconds(120);
    private static final String TOKEN = "smoke-test-token";
    private static final String HEADER = "\"id\",\"item\",\"qty\"";

    @Test
    void packagedAppImportsExportsAndStops() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("it.dir")));
        Path inbox = dir.resolve("inbox");
        Path outbox = dir.resolve("outbox");
        ExampleFiles.clear(inbox);
        ExampleFiles.clear(outbox);
        List<String> leanJvm = List.of("-Xmx160m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

        try (JarProcess emulator = JarProcess.start(Path.of(System.getProperty("emulator.jar")), leanJvm,
                List.of("--port", "0", "--token", TOKEN, "--provider", "azure"), Map.of(), dir.resolve("emulator.log"))) {
            String stackUrl = emulator.awaitOutput(Pattern.compile("listening on (http://127\\.0\\.0\\.1:\\d+)"), STARTUP)
                    .group(1);
            ExampleFiles.drop(inbox, "orders.csv", "id,item,qty\n1,apple,3\n2,pear,5\n");

            List<String> appJvm = Stream.concat(leanJvm.stream(), Stream.of("-Dquarkus.http.host=127.0.0.1",
                    "-Dquarkus.http.port=0", "-Dapp.inbox=" + inbox, "-Dapp.outbox=" + outbox, "-Dapp.changes-delay=1000"))
                    .toList();
            try (JarProcess app = JarProcess.start(Path.of(System.getProperty("quarkus.run.jar")), appJvm, List.of(),
                    Map.of("KEBOOLA_STACK_URL", stackUrl, "KEBOOLA_TOKEN", TOKEN), dir.resolve("app.log"))) {
                String appUrl = app.awaitOutput(Pattern.compile("Listening on: (http://127\\.0\\.0\\.1:\\d+)"), STARTUP)
                        .group(1);

                List<String> changes = await().atMost(STARTUP)
                        .until(() -> ExampleFiles.find(outbox, "\"2\",\"pear\",\"5\""), Optional::isPresent).orElseThrow();
                assertThat(changes).containsExactly(HEADER, "\"1\",\"apple\",\"3\"", "\"2\",\"pear\",\"5\"");

                HttpResponse<String> export = HttpClient.newHttpClient().send(
                        HttpRequest.newBuilder(URI.create(appUrl + "/export")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(export.statusCode()).isEqualTo(200);
                assertThat(export.body().lines()).containsExactlyInAnyOrder(HEADER, "\"1\",\"apple\",\"3\"", "\"2\",\"pear\",\"5\"");

                app.stop(Duration.ofSeconds(60));
                String log = app.output();
                assertThat(log).contains("stopped in").doesNotContain(TOKEN)
                        // prod mode: the dev service is not even part of the packaged app
                        .doesNotContain("Dev Services for Keboola");
            }
        }
        try (var lib = Files.walk(Path.of(System.getProperty("quarkus.run.jar")).getParent())) {
            assertThat(lib.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("camel-keboola-emulator"));
        }
    }
}
