package io.github.camelkeboola.component.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A loopback HTTP server that answers from a script, in order, and records what it received. */
public final class ScriptedServer implements AutoCloseable {

    public record Reply(int status, String contentType, String body, Map<String, String> headers) {
        public static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, Map.of());
        }

        public static Reply text(int status, String body) {
            return new Reply(status, "text/plain", body, Map.of());
        }

        public Reply header(String name, String value) {
            Map<String, String> all = new java.util.HashMap<>(headers);
            all.put(name, value);
            return new Reply(status, contentType, body, all);
        }
    }

    public record Received(String method, String uri, String token, String contentType, String body, String runId) {
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public ScriptedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public synchronized ScriptedServer then(Reply reply) {
        script.add(reply);
        return this;
    }

    public List<Received> received() {
        return List.copyOf(received);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                exchange.getRequestHeaders().getFirst("X-StorageApi-Token"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body,
                exchange.getRequestHeaders().getFirst("X-KBC-RunId")));
        Reply reply;
        synchronized (this) {
            reply = script.size() > 1 ? script.poll() : script.peek();
        }
        if (reply == null) {
            reply = Reply.json(500, "{\"error\":\"no scripted reply\"}");
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
