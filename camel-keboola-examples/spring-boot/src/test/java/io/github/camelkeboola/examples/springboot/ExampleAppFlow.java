package io.github.camelkeboola.examples.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * What the example does, seen from outside: a CSV dropped into the inbox is loaded, its rows come back through
 * the changes consumer at {@code GET /changes}, and {@code /actuator/health} shows the keboola checks UP.
 * Subclasses choose the stack (the app's own embedded emulator, or a container).
 */
abstract class ExampleAppFlow {

    private static final Path WORK = temporaryDirectory();
    private static final Path INBOX = WORK.resolve("inbox");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void workingFiles(DynamicPropertyRegistry registry) {
        registry.add("example.inbox", INBOX::toString);
        registry.add("example.cursor-file", () -> WORK.resolve("cursors.properties").toString());
        registry.add("example.changes-delay", () -> "300");
    }

    @LocalServerPort
    int port;

    /** The stack URL the app works on, as the producer check's id names it. */
    abstract String stackUrl();

    @Test
    void aCsvDroppedIntoTheInboxIsLoadedAndItsRowsComeBackAsChanges() throws Exception {
        Files.createDirectories(INBOX);
        Path partial = Files.copy(Path.of("data/orders.csv"), INBOX.resolve("orders.csv.part"));
        Files.move(partial, INBOX.resolve("orders.csv"), StandardCopyOption.ATOMIC_MOVE);

        JsonNode changes = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/changes"), rows -> rows.size() >= 3);
        List<String> ids = new ArrayList<>();
        changes.forEach(row -> ids.add(row.path("id").asText()));
        assertThat(ids).containsExactly("1001", "1002", "1003");
        assertThat(changes.get(2).path("customer").asText()).isEqualTo("Grace Hopper");
        // moved when the file's exchange completes, which may be just after the consumer saw the rows
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(INBOX.resolve(".done/orders.csv")).exists());

        JsonNode health = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> get("/actuator/health"), h -> h.path("status").asText().equals("UP"));
        JsonNode camel = health.at("/components/camelHealth/details");
        String producerCheck = "producer:keboola-in.c-example.orders@" + URI.create(stackUrl()).getAuthority();
        assertThat(camel.path(producerCheck).asText()).as(camel.toString()).isEqualTo("UP");
        assertThat(camel.path("consumer:changes").asText()).as(camel.toString()).isEqualTo("UP");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("keboola-example");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
