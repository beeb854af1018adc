package io.github.camelkeboola.component.api;

import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One Storage API call: what is sent and what identifies it in errors (the table and job it concerns).
 * {@code toString()} is safe for logs and messages: method and path, never the query string or the body.
 */
final class ApiCall {

    /** Stored as the created job's {@code runId} (contract §0, §9; apiary.apib "HTTP headers"). */
    static final String RUN_ID_HEADER = "X-KBC-RunId";

    final String method;
    final String path;
    final Map<String, Object> query = new LinkedHashMap<>();
    byte[] jsonBody;
    String tableId;
    Long jobId;
    /** {@code X-KBC-RunId} of a call that creates a Storage job: how the job is found after an unclear answer. */
    String runId;
    /** Why the call is made, when its path does not say it; shown in messages. */
    String purpose;
    /** A POST whose repetition changes nothing more (an upsert), so it may be repeated like a GET. */
    private boolean repeatable;

    private ApiCall(String method, String path) {
        this.method = method;
        this.path = path;
    }

    static ApiCall get(String path, String... segments) {
        return new ApiCall("GET", format(path, segments));
    }

    static ApiCall post(String path, String... segments) {
        return new ApiCall("POST", format(path, segments));
    }

    static ApiCall put(String path, String... segments) {
        return new ApiCall("PUT", format(path, segments));
    }

    static ApiCall delete(String path, String... segments) {
        return new ApiCall("DELETE", format(path, segments));
    }

    ApiCall query(String name, Object value) {
        if (value != null) {
            query.put(name, value);
        }
        return this;
    }

    ApiCall query(Map<String, ?> values) {
        if (values != null) {
            values.forEach(this::query);
        }
        return this;
    }

    ApiCall body(byte[] json) {
        this.jsonBody = json;
        return this;
    }

    ApiCall table(String tableId) {
        this.tableId = tableId;
        return this;
    }

    ApiCall job(Long jobId) {
        this.jobId = jobId;
        return this;
    }

    ApiCall purpose(String purpose) {
        this.purpose = purpose;
        return this;
    }

    ApiCall repeatable() {
        this.repeatable = true;
        return this;
    }

    ApiCall createsJob(String runId) {
        this.runId = runId;
        return this;
    }

    /**
     * GET and DELETE may be repeated after a network error at any point; a POST that may have reached the server is
     * not blindly: one that creates a job is first looked up by its runId, any other is repeated only after a 5xx
     * answer or when the connection never opened; a {@link #repeatable()} one is repeated like a GET.
     */
    boolean idempotent() {
        return repeatable || !"POST".equals(method);
    }

    ClassicHttpRequest toRequest(String baseUrl) {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, URI.create(baseUrl + path + queryString()));
        if (runId != null) {
            request.addHeader(RUN_ID_HEADER, runId);
        }
        if (jsonBody != null) {
            // a byte[] entity is repeatable, so a retried POST sends the same body again
            request.setEntity(new ByteArrayEntity(jsonBody, ContentType.APPLICATION_JSON));
        }
        return request;
    }

    private String queryString() {
        StringJoiner joined = new StringJoiner("&", "?", "").setEmptyValue("");
        query.forEach((name, value) -> {
            if (value instanceof Collection<?> values) {
                // PHP bracket syntax for arrays, as the API expects: whereValues[]=a&whereValues[]=b
                values.forEach(v -> joined.add(encode(name + "[]") + "=" + encode(String.valueOf(v))));
            } else {
                joined.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        return joined.toString();
    }

    private static String format(String path, String... segments) {
        Object[] encoded = new Object[segments.length];
        for (int i = 0; i < segments.length; i++) {
            encoded[i] = encode(segments[i]);
        }
        return String.format(path, encoded);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Override
    public String toString() {
        return method + " " + path + (purpose == null ? "" : " (" + purpose + ")");
    }
}
