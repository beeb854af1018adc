package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.wire.JsonValues;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Turns Storage API error answers and failed jobs into {@link KeboolaException}s that name what failed. */
final class ApiErrors {

    // Like the PHP client, a non-JSON error body becomes the message; the cap only guards memory.
    private static final int MAX_ERROR_BODY_CHARS = 1024 * 1024;

    private ApiErrors() {
    }

    /** An HTTP error answer: {@code {"error","code","exceptionId"}}, a 503 maintenance body, or plain text. */
    static KeboolaException fromResponse(ApiCall call, ClassicHttpResponse response, ObjectMapper mapper) {
        int status = response.getCode();
        String body = readBody(response.getEntity());
        String message = null;
        String code = null;
        String exceptionId = null;
        JsonNode json = parseObject(body, mapper);
        if (json != null && json.hasNonNull("error")) {
            message = json.get("error").asText();
            code = textOrNull(json.get("code"));
            exceptionId = textOrNull(json.get("exceptionId"));
        } else if (json != null && "maintenance".equals(json.path("status").asText())) {
            message = "the Storage API is in maintenance: " + json.path("reason").asText("no reason given")
                      + (json.hasNonNull("estimatedEndTime") ? " (estimated end " + json.get("estimatedEndTime").asText() + ")" : "");
            code = "MAINTENANCE";
        } else if (body != null && !body.isBlank()) {
            message = body.strip();
        }
        if (message == null || message.isEmpty()) {
            message = response.getReasonPhrase() == null || response.getReasonPhrase().isEmpty()
                    ? "no error message" : response.getReasonPhrase();
        }
        return new KeboolaException(call + " failed: " + message, status, code, exceptionId, call.tableId, call.jobId, null);
    }

    /** A job that ended in {@code error}: its {@code error.code}, {@code error.message} and {@code error.exceptionId}. */
    static KeboolaException fromFailedJob(JsonNode job) {
        JsonNode error = job.path("error");
        String message = error.hasNonNull("message") ? error.get("message").asText() : "no error message";
        return new KeboolaException("Storage job " + job.path("id").asText() + " (" + job.path("operationName").asText("?")
                                    + ") failed: " + message,
                0, textOrNull(error.get("code")), textOrNull(error.get("exceptionId")),
                textOrNull(job.get("tableId")), JsonValues.idOf(job), null);
    }

    static KeboolaException fromIo(ApiCall call, IOException e) {
        return new KeboolaException(call + " failed: " + e.getClass().getSimpleName()
                                    + (e.getMessage() == null ? "" : ": " + e.getMessage()),
                0, null, null, call.tableId, call.jobId, e);
    }

    private static String readBody(HttpEntity entity) {
        if (entity == null) {
            return null;
        }
        try {
            return EntityUtils.toString(entity, StandardCharsets.UTF_8.name(), MAX_ERROR_BODY_CHARS);
        } catch (Exception e) {
            return null;
        }
    }

    private static JsonNode parseObject(String body, ObjectMapper mapper) {
        if (body == null || !body.stripLeading().startsWith("{")) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    static String textOrNull(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        String text = node.asText();
        return text.isEmpty() ? null : text;
    }
}
