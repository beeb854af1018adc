package io.github.camelkeboola.emulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** What the API answers: status, content type, body and extra headers. */
public record ApiResponse(int status, String contentType, byte[] body, Map<String, String> headers) {

    public static ApiResponse json(int status, JsonNode body) {
        try {
            return new ApiResponse(status, "application/json", Json.MAPPER.writeValueAsBytes(body), new LinkedHashMap<>());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ApiResponse ok(JsonNode body) {
        return json(200, body);
    }

    public static ApiResponse text(int status, String contentType, String body) {
        return new ApiResponse(status, contentType, body.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    public static ApiResponse noContent() {
        return new ApiResponse(204, null, new byte[0], new LinkedHashMap<>());
    }

    public ApiResponse header(String name, String value) {
        headers.put(name, value);
        return this;
    }
}
