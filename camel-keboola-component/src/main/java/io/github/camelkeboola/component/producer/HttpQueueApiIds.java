package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;

/** Queue job ids are numbers sent as JSON strings ({@code "683194249"}); the header carries them as {@code Long}. */
final class HttpQueueApiIds {

    private HttpQueueApiIds() {
    }

    static Long id(JsonNode job) {
        try {
            return Long.valueOf(job.path("id").asText());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
