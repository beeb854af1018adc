package io.github.camelkeboola.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;

/**
 * A loopback HTTP proxy in front of the emulator's Storage API that records every call (method, path, time taken),
 * so the small operations can count Storage API calls and job polls. File storage is not behind it: its URLs come from
 * the API's answers and point at the storage directly.
 */
final class CountingProxy implements AutoCloseable {

    /** One Storage API call. */
    record Call(String method, String path, long nanos) {
        boolean isJobPoll() {
            return "GET".equals(method) && path.matches("/v2/storage/jobs/\\d+");
        }

        @Override
        public String toString() {
            return method + " " + path.replaceAll("/\\d+", "/{id}");
        }
    }

    private static final Set<String> HOP_HEADERS = Set.of("host", "connection", "content-length", "transfer-encoding", "upgrade",
            "expect", "keep-alive");

    private final String target;
    private final HttpServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<Call> calls = new ArrayList<>();

    CountingProxy(String target) throws IOException {
        this.target = target.replaceAll("/+$", "");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::forward);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The calls recorded since the last reset, and forgets them. */
    synchronized List<Call> reset() {
        List<Call> seen = List.copyOf(calls);
        calls.clear();
        return seen;
    }

    /** Waits until {@code n} calls whose path ends with {@code suffix} are recorded (since the last reset). */
    synchronized void awaitCalls(String suffix, int n, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (calls.stream().filter(c -> c.path().endsWith(suffix)).count() < n) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                throw new IllegalStateException("Fewer than " + n + " calls to *" + suffix + " within " + timeoutMillis + " ms: " + calls);
            }
            wait(left);
        }
    }

    private void forward(HttpExchange exchange) throws IOException {
        long start = System.nanoTime();
        boolean recorded = false;
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target + exchange.getRequestURI()))
                    .method(exchange.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase())) {
                    values.forEach(v -> request.header(name, v));
                }
            });
            HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase()) && !name.startsWith(":")) {
                    exchange.getResponseHeaders().put(name, values);
                }
            });
            byte[] answer = response.body();
            // counted before the caller gets its answer, so a count read right after the call includes it
            recorded = record(exchange, start);
            exchange.sendResponseHeaders(response.statusCode(), answer.length == 0 ? -1 : answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            if (!recorded) {
                record(exchange, start);
            }
        }
    }

    private synchronized boolean record(HttpExchange exchange, long start) {
        calls.add(new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), System.nanoTime() - start));
        notifyAll();
        return true;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
