package io.github.camelkeboola.emulator.jobs;

import com.fasterxml.jackson.databind.JsonNode;

/** Ends a job in {@code error} with a Keboola error code, message and optional {@code results}. */
public class JobFailedException extends RuntimeException {

    private final String code;
    private final JsonNode results;

    public JobFailedException(String code, String message, JsonNode results) {
        super(message);
        this.code = code;
        this.results = results;
    }

    public JobFailedException(String code, String message) {
        this(code, message, null);
    }

    public String code() {
        return code;
    }

    public JsonNode results() {
        return results;
    }
}
