package io.github.camelkeboola.component;

import io.github.camelkeboola.component.api.ChangeTimes;

import java.time.Instant;
import java.util.Set;

/**
 * The checks an endpoint's settings pass when it starts, so a wrong option fails the route's start with its name
 * rather than the first exchange (or, for a timeout or part size, a transfer halfway through a table).
 */
final class EndpointSettings {

    private static final Set<String> WHERE_OPERATORS = Set.of("eq", "ne");

    private final String endpoint;

    private EndpointSettings(KeboolaConfiguration c) {
        this.endpoint = "keboola:" + (c.getTableId() == null ? "" : c.getTableId());
    }

    static void check(KeboolaConfiguration c) {
        new EndpointSettings(c).checkAll(c);
    }

    private void checkAll(KeboolaConfiguration c) {
        url("stackUrl", c.getStackUrl(), true);
        url("fileStorageEndpoint", c.getFileStorageEndpoint(), false);
        require(c.getToken() != null && !c.getToken().isBlank(), "token", "(not set)", "a Storage API token is required");
        require(c.getBranch() == null || c.getBranch().isBlank() || c.getBranch().trim().matches("default|[1-9][0-9]{0,18}"),
                "branch", c.getBranch(),
                "must be a development branch id (a number) or default");
        positive("connectTimeout", c.getConnectTimeout());
        positive("requestTimeout", c.getRequestTimeout());
        positive("jobTimeout", c.getJobTimeout());
        positive("jobPollMaxInterval", c.getJobPollMaxInterval());
        positive("uploadPartSize", c.getUploadPartSize());
        positive("downloadParallelism", c.getDownloadParallelism());
        require(c.getMaxRetries() >= 0, "maxRetries", c.getMaxRetries(), "must be 0 or more");
        require(c.getRetryInitialDelay() >= 0, "retryInitialDelay", c.getRetryInitialDelay(), "must be 0 or more");
        require(c.getRetryMaxDelay() >= 0, "retryMaxDelay", c.getRetryMaxDelay(), "must be 0 or more");
        require(c.getLimit() == null || c.getLimit() >= 1, "limit", c.getLimit(), "must be 1 or more");
        oneCharacter("delimiter", c.getDelimiter(), true);
        oneCharacter("enclosure", c.getEnclosure(), false);
        require(c.getWhereOperator() == null || WHERE_OPERATORS.contains(c.getWhereOperator()), "whereOperator",
                c.getWhereOperator(), "must be eq or ne");
        require(c.getWhereValues() == null || c.getWhereValues().isBlank() || c.getWhereColumn() != null,
                "whereValues", c.getWhereValues(), "needs whereColumn");
        changeTime("changedSince", c.getChangedSince());
        changeTime("changedUntil", c.getChangedUntil());
        changeTime("initialChangedSince", c.getInitialChangedSince());
        if (c.getColumnMetadata() != null) {
            // the key itself is the API's to judge (its invalidKey answer names it)
            c.getColumnMetadata().keySet().forEach(name -> require(name.indexOf('.') > 0, "columnMetadata." + name,
                    c.getColumnMetadata().get(name), "must be columnMetadata.COLUMN.KEY=VALUE"));
            require(c.getColumnMetadata().isEmpty() || (c.getMetadataProvider() != null && !c.getMetadataProvider().isBlank()),
                    "metadataProvider", c.getMetadataProvider(), "is required with columnMetadata");
        }
    }

    private void url(String option, String value, boolean required) {
        if (value == null || value.isBlank()) {
            require(!required, option, "(not set)", "is required");
            return;
        }
        require(value.startsWith("http://") || value.startsWith("https://"), option, value, "must be an http(s) URL");
    }

    private void positive(String option, long value) {
        require(value > 0, option, value, "must be more than 0");
    }

    private void oneCharacter(String option, String value, boolean tabAllowed) {
        boolean ok = value == null || value.isEmpty() || value.length() == 1 || (tabAllowed && "\\t".equals(value));
        require(ok, option, value, "must be one character" + (tabAllowed ? " (or \\t)" : ""));
    }

    private void changeTime(String option, String value) {
        try {
            ChangeTimes.toEpochSeconds(value, Instant.now());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid " + option + " '" + value + "' of " + endpoint + ": " + e.getMessage(), e);
        }
    }

    private void require(boolean ok, String option, Object value, String rule) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid " + option + " '" + value + "' of " + endpoint + ": " + rule);
        }
    }
}
