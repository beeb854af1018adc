package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;

/** A plain HTTP client for the conformance tests: what any Storage API client sends, nothing more. */
public final class ApiClient {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String baseUrl;
    private final String token;
    private final String runId;

    public ApiClient(String baseUrl, String token) {
        this(baseUrl, token, null);
    }

    private ApiClient(String baseUrl, String token, String runId) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.runId = runId;
    }

    public ApiClient withToken(String otherToken) {
        return new ApiClient(baseUrl, otherToken, runId);
    }

    /** A client whose requests carry {@code X-KBC-RunId: runId}. */
    public ApiClient withRunId(String runId) {
        return new ApiClient(baseUrl, token, runId);
    }

    public record Response(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (HTTP " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return "HTTP " + status + " " + body;
        }
    }

    public Response get(String path) {
        return send("GET", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public Response delete(String path) {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody(), null);
    }

    public Response postJson(String path, Object body) {
        try {
            return send("POST", path, HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(body)), "application/json");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Form-urlencoded POST; {@code pairs} alternates names and values. */
    public Response postForm(String path, String... pairs) {
        return send("POST", path, HttpRequest.BodyPublishers.ofString(form(pairs)), "application/x-www-form-urlencoded");
    }

    public static String form(String... pairs) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < pairs.length; i += 2) {
            parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "=" + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
        }
        return String.join("&", parts);
    }

    public Response send(String method, String path, HttpRequest.BodyPublisher body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body);
        if (token != null) {
            request.header("X-StorageApi-Token", token);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (runId != null) {
            request.header("X-KBC-RunId", runId);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a job (from a 202 answer) until it ends, at most two minutes; returns the final job. */
    public JsonNode waitForJob(Response accepted) {
        return waitForJob(accepted, Duration.ofSeconds(120));
    }

    /** Polls a job (from a 202 answer) until it ends; returns the final job. */
    public JsonNode waitForJob(Response accepted, Duration timeout) {
        if (accepted.status() != 202) {
            throw new AssertionError("Expected 202 with a job, got " + accepted);
        }
        long id = accepted.json().get("id").asLong();
        AtomicReference<JsonNode> last = new AtomicReference<>();
        await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            JsonNode job = get("/v2/storage/jobs/" + id).json();
            last.set(job);
            String status = job.get("status").asText();
            return status.equals("success") || status.equals("error");
        });
        return last.get();
    }

    /** Waits for a job that must succeed; returns its results. */
    public JsonNode jobResults(Response accepted) {
        return jobResults(accepted, Duration.ofSeconds(120));
    }

    public JsonNode jobResults(Response accepted, Duration timeout) {
        JsonNode job = waitForJob(accepted, timeout);
        if (!job.get("status").asText().equals("success")) {
            throw new AssertionError("Job failed: " + job);
        }
        return job.get("results");
    }
}
