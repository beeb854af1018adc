package io.github.camelkeboola.emulator.storage;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers for the JDK HTTP server the azure and gcp flavours run on. */
final class Exchanges {

    static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    private Exchanges() {
    }

    /** The client went away (or a fault cut the connection) while a response body was streamed. */
    static final class ResponseCutShort extends IOException {
        ResponseCutShort(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Decoded query parameters (the first value of each name). */
    static Map<String, String> query(HttpExchange exchange) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.putIfAbsent(name, value);
        }
        return params;
    }

    static String httpDate(Instant instant) {
        return HTTP_DATE.format(instant);
    }

    /** Sends a complete small body (or none, when {@code body} is null or the request is HEAD). */
    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        if (body == null || body.length == 0 || head) {
            if (head && body != null) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            }
            exchange.sendResponseHeaders(status, -1);
        } else {
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
        exchange.close();
    }

    static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        send(exchange, status, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Streams {@code length} bytes of {@code content} (headers already set); HEAD gets only the length. */
    static void stream(HttpExchange exchange, int status, long length, InputStream content) throws IOException {
        try (content) {
            if ("HEAD".equals(exchange.getRequestMethod()) || length == 0) {
                exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
                exchange.sendResponseHeaders(status, -1);
            } else {
                exchange.sendResponseHeaders(status, length);
                try (OutputStream out = exchange.getResponseBody()) {
                    content.transferTo(out);
                } catch (IOException e) {
                    throw new ResponseCutShort(e);
                }
            }
        }
        exchange.close();
    }

    /** XML text content escaping. */
    static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
