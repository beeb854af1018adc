package io.github.camelkeboola.component.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A table detail and when the Storage API answered it: the {@code Date} header of the answer (RFC 9110: the origin
 * server's clock, whole seconds), or null when the answer had none. The consumer needs the API's clock, not its own,
 * to tell whether a commit in the second the detail shows could still come after the read.
 */
public record TableDetail(JsonNode table, Instant answeredAt) {
}
