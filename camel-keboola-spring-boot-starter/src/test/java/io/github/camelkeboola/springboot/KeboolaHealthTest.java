package io.github.camelkeboola.springboot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The keboola producer and consumer checks in {@code /actuator/health} (camel-spring-boot's camelHealth): UP
 * against the emulator, then DOWN, with the reason and without the token, for a rejected token and for a stack
 * nobody listens on. One context: the failing routes are added only after the healthy state was seen.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "camel.health.producers-enabled=true",
        "camel.health.exposure-level=full",
        "management.endpoints.web.exposure.include=health",
        "management.endpoint.health.show-details=always",
        "camel.main.shutdown-timeout=5"})
@DirtiesContext
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class KeboolaHealthTest {

    private static final String TABLE = "in.c-health.orders";
    private static final String BAD_TOKEN = "not-the-emulator-token";
    private static final KeboolaEmulator EMULATOR = KeboolaEmulator.builder().start();
    private static final int CLOSED_PORT = closedPort();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void keboola(DynamicPropertyRegistry registry) {
        registry.add("camel.component.keboola.stack-url", EMULATOR::baseUrl);
        registry.add("camel.component.keboola.token", EMULATOR::token);
    }

    @SpringBootApplication
    static class HealthApp {
        /** Closed with the context, after Camel stopped. */
        @Bean(destroyMethod = "close")
        KeboolaEmulator keboolaEmulator() {
            return EMULATOR;
        }

        @Bean
        RouteBuilder routes() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:load").routeId("load").to("keboola:" + TABLE + "?primaryKey=id");
                    from("keboola:" + TABLE + "?delay=200").routeId("changes").to("log:changes?level=DEBUG");
                }
            };
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    CamelContext camelContext;
    @Autowired
    ProducerTemplate template;

    @Test
    @Order(1)
    void upAgainstTheEmulator() {
        template.sendBody("direct:load", "id,amount\n1,10\n2,20\n");

        JsonNode health = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(this::health, h -> h.path("status").asText().equals("UP"));

        JsonNode camel = health.at("/components/camelHealth/details");
        assertThat(camel.path("producer:keboola-" + TABLE + "@" + authority(EMULATOR.baseUrl())).asText()).isEqualTo("UP");
        assertThat(camel.path("consumer:changes").asText()).isEqualTo("UP");
        assertThat(health.toString()).doesNotContain(EMULATOR.token());
    }

    @Test
    @Order(2)
    void downWithTheReasonAndNoTokenForARejectedTokenOrAnUnreachableStack(CapturedOutput output) throws Exception {
        camelContext.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // on other tables than the healthy producer, so the producer check ids differ
                from("direct:bad-token").to("keboola:in.c-health.rejected?token=" + BAD_TOKEN);
                from("keboola:" + TABLE + "?delay=200&token=" + BAD_TOKEN).routeId("bad-token-consumer")
                        .to("log:never");
                // maxRetries=0 for the consumer: its poll retries a refused connection (about a minute) before it fails;
                // the producer check makes one short attempt whatever the endpoint's retries
                String unreachable = "stackUrl=http://127.0.0.1:" + CLOSED_PORT + "&maxRetries=0&connectTimeout=2s";
                from("direct:unreachable").to("keboola:in.c-health.unreachable?" + unreachable);
                from("keboola:" + TABLE + "?delay=200&" + unreachable).routeId("unreachable-consumer")
                        .to("log:never");
            }
        });
        String badTokenProducer = "producer:keboola-in.c-health.rejected@" + authority(EMULATOR.baseUrl());
        String unreachableProducer = "producer:keboola-in.c-health.unreachable@127.0.0.1:" + CLOSED_PORT;

        JsonNode camel = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> health().at("/components/camelHealth/details"), details ->
                        details.path(badTokenProducer + ".data").has("error.stacktrace")
                                && details.path(unreachableProducer + ".data").has("error.stacktrace")
                                && details.path("consumer:bad-token-consumer.data").has("error.stacktrace")
                                && details.path("consumer:unreachable-consumer.data").has("error.stacktrace"));

        assertThat(camel.path("consumer:changes").asText()).as("the healthy consumer").isEqualTo("UP");
        for (String check : new String[] {badTokenProducer, "consumer:bad-token-consumer"}) {
            assertThat(camel.path(check).asText()).as(check).isEqualTo("DOWN");
            assertThat(reason(camel, check)).as(check).contains("401");
            assertThat(camel.path(check + ".data").path("http.response.code").asText()).as(check).isEqualTo("401");
        }
        for (String check : new String[] {unreachableProducer, "consumer:unreachable-consumer"}) {
            assertThat(camel.path(check).asText()).as(check).isEqualTo("DOWN");
            assertThat(reason(camel, check)).as(check).containsIgnoringCase("127.0.0.1:" + CLOSED_PORT);
        }

        long started = System.nanoTime();
        JsonNode health = health();
        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.println("[health] /actuator/health with four failing keboola checks answered in " + millis + " ms");
        assertThat(health.path("status").asText()).isEqualTo("DOWN");
        assertThat(health.toString()).doesNotContain(EMULATOR.token()).doesNotContain(BAD_TOKEN);
        assertThat(output.getAll()).as("the log since the context started")
                .contains("bad-token-consumer").doesNotContain(EMULATOR.token()).doesNotContain(BAD_TOKEN);
    }

    /** The first line of the check's error: the exception and its message. */
    private static String reason(JsonNode camel, String check) {
        return camel.path(check + ".data").path("error.stacktrace").asText().lines().findFirst().orElse("");
    }

    /** {@code /actuator/health}; the client gives up after 20 s, so a health check that hangs fails the test. */
    private JsonNode health() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(20)).build();
        return JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static String authority(String url) {
        return URI.create(url).getAuthority();
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
