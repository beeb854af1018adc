package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Plain-HTTP client of the Storage API as the contract describes it (nothing from the emulator's code). */
final class ProbeHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Set<String> JOB_STATUSES = Set.of("waiting", "processing", "success", "error");
    static final String DATETIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d{4}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;

    ProbeHttp(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    record Response(int status, java.net.http.HttpHeaders headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (HTTP " + status + "): " + text(), e);
            }
        }

        String contentType() {
            return headers.firstValue("Content-Type").orElse("");
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + text();
        }
    }

    String baseUrl() {
        return baseUrl;
    }

    HttpRequest.Builder request(String path, String withToken) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
                .timeout(Duration.ofSeconds(60));
        if (withToken != null) {
            b.header("X-StorageApi-Token", withToken);
        }
        return b;
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            return new Response(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Response get(String path) {
        return send(request(path, token).GET().build());
    }

    Response getWithToken(String path, String withToken) {
        return send(request(path, withToken).GET().build());
    }

    Response delete(String path) {
        return send(request(path, token).DELETE().build());
    }

    Response postJson(String path, Object body) {
        try {
            return send(request(path, token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Form-urlencoded POST; pairs of name, value (PHP bracket names for arrays). */
    Response postForm(String path, String... pairs) {
        return send(request(path, token).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(pairs))).build());
    }

    Response postFormHeader(String path, String header, String value, String... pairs) {
        return send(request(path, token).header("Content-Type", "application/x-www-form-urlencoded").header(header, value)
                .POST(HttpRequest.BodyPublishers.ofString(form(pairs))).build());
    }

    static String form(String... pairs) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(enc(pairs[i])).append('=').append(enc(pairs[i + 1]));
        }
        return out.toString();
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** Asserts a 202 job answer and polls it until it ends; every status seen must be one of the four of Storage jobs. */
    JsonNode awaitJob(Response accepted) {
        assertEquals(202, accepted.status(), () -> "async call must answer 202 with a job: " + accepted);
        JsonNode job = accepted.json();
        assertTrue(JOB_STATUSES.contains(job.path("status").asText()), () -> "job status: " + job);
        assertTrue(job.path("id").isNumber() || job.path("id").isTextual(), () -> "job id: " + job);
        return awaitJob(job.path("id").asText());
    }

    JsonNode awaitJob(String jobId) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> {
            Response r = get("/v2/storage/jobs/" + jobId);
            assertEquals(200, r.status(), () -> "job detail: " + r);
            JsonNode job = r.json();
            String status = job.path("status").asText();
            assertTrue(JOB_STATUSES.contains(status), () -> "Storage job status outside waiting|processing|success|error: " + job);
            last.set(job);
            return status.equals("success") || status.equals("error");
        });
        return last.get();
    }

    JsonNode awaitSuccess(Response accepted) {
        JsonNode job = awaitJob(accepted);
        assertEquals("success", job.path("status").asText(), () -> "job failed: " + job);
        return job;
    }

    static void assertError(Response r, int status, String code) {
        assertEquals(status, r.status(), () -> "expected HTTP " + status + " " + code + ", got " + r);
        JsonNode body = r.json();
        assertEquals(code, body.path("code").asText(), () -> "error code: " + r);
        assertTrue(body.path("error").isTextual() && !body.path("error").asText().isEmpty(), () -> "error message: " + r);
        assertTrue(body.path("exceptionId").asText().matches("keboola-connection-[0-9a-f]+"), () -> "exceptionId: " + r);
        assertEquals("error", body.path("status").asText(), () -> "status field: " + r);
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new java.util.TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static String query(Map<String, String> params) {
        return params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }
}
