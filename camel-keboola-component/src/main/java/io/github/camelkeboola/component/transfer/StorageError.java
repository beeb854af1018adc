package io.github.camelkeboola.component.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.wire.MaskedQueries;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an error answer of S3, Azure Blob or GCS into a {@link KeboolaException} with the HTTP status and the
 * provider's error code ({@code SignatureDoesNotMatch}, {@code AuthenticationFailed}, {@code forbidden}, ...).
 */
final class StorageError {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 64 * 1024;
    private static final Pattern XML_CODE = Pattern.compile("<Code>([^<]*)</Code>");
    private static final Pattern XML_MESSAGE = Pattern.compile("<Message>([^<]*)</Message>");

    private StorageError() {
    }

    static KeboolaException of(String what, ClassicHttpResponse response) {
        int status = response.getCode();
        String body = readBody(response.getEntity());
        String code = null;
        String message = null;
        Header azureCode = response.getFirstHeader("x-ms-error-code");
        if (azureCode != null) {
            code = azureCode.getValue();
        }
        String trimmed = body.strip();
        if (trimmed.startsWith("<")) {
            code = code != null ? code : first(XML_CODE, trimmed);
            message = first(XML_MESSAGE, trimmed);
        } else if (trimmed.startsWith("{")) {
            try {
                JsonNode error = JSON.readTree(trimmed).path("error");
                message = error.path("message").asText(null);
                String reason = error.path("errors").path(0).path("reason").asText(null);
                code = code != null ? code : reason != null ? reason : error.path("status").asText(null);
            } catch (IOException e) {
                message = trimmed;
            }
        } else if (!trimmed.isEmpty()) {
            message = trimmed.length() > 500 ? trimmed.substring(0, 500) + "..." : trimmed;
        }
        // an error body may echo what the request carried (a signed query, a SAS): never into a message
        String text = what + " failed" + (message == null || message.isBlank() ? "" : ": " + MaskedQueries.redact(message.strip()));
        return new KeboolaException(text, status, code, null, null, null, null);
    }

    private static String first(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    private static String readBody(HttpEntity entity) {
        if (entity == null) {
            return "";
        }
        try (InputStream in = entity.getContent()) {
            return in == null ? "" : new String(in.readNBytes(MAX_BODY), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
