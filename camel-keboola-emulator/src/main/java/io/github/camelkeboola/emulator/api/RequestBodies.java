package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads a request's parameters: the query string and the body, which may be JSON, form-urlencoded or
 * multipart form data (the deprecated sync table calls). Body values win over query values.
 */
final class RequestBodies {

    /** The API's bodies are small; anything big goes through file storage. */
    private static final int MAX_BODY = 64 * 1024 * 1024;

    private RequestBodies() {
    }

    static Params params(HttpExchange exchange) throws IOException {
        ObjectNode params = Json.object();
        Params.parseUrlEncoded(exchange.getRequestURI().getRawQuery(), params);
        byte[] body = readBody(exchange.getRequestBody());
        if (body.length == 0) {
            return new Params(params, false);
        }
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")).toLowerCase();
        if (contentType.startsWith("application/json")) {
            JsonNode json;
            try {
                json = Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw ApiException.validation("storage.validation", "Invalid JSON in the request body: " + e.getMessage());
            }
            if (json instanceof ObjectNode object) {
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    params.set(e.getKey(), e.getValue());
                }
            }
            return new Params(params, true);
        } else if (contentType.startsWith("multipart/form-data")) {
            Multipart.parse(body, contentType, params);
        } else {
            ObjectNode form = Json.object();
            Params.parseUrlEncoded(new String(body, StandardCharsets.UTF_8), form);
            params.setAll(form);
        }
        return new Params(params, false);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) > 0) {
            if (out.size() + n > MAX_BODY) {
                throw new ApiException(413, "storage.validation", "The request body is larger than " + MAX_BODY + " bytes.");
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }
}
