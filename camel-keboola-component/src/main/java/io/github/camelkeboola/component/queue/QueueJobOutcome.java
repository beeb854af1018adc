package io.github.camelkeboola.component.queue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a finished Queue job means for the exchange (QUEUE-API.md §3): {@code success} passes; {@code warning} passes
 * with a logged warning, or fails when asked; {@code error}, {@code terminated} and {@code cancelled} fail with the
 * job's {@code result.message}.
 */
public final class QueueJobOutcome {

    private static final Logger LOG = LoggerFactory.getLogger(QueueJobOutcome.class);

    private QueueJobOutcome() {
    }

    public static void check(JsonNode job, boolean failOnWarning) {
        String status = job.path("status").asText();
        if ("success".equals(status)) {
            return;
        }
        String message = job.path("result").path("message").asText("");
        if ("warning".equals(status) && !failOnWarning) {
            LOG.warn("Queue job {} ({}) ended in warning: {}", job.path("id").asText(), job.path("component").asText(), message);
            return;
        }
        JsonNode error = job.path("result").path("error");
        throw new KeboolaException("Queue job " + job.path("id").asText() + " (" + job.path("component").asText() + " "
                                   + job.path("config").asText() + ") ended in " + status
                                   + (message.isEmpty() ? "" : ": " + message),
                0, error.path("type").asText(null), error.path("exceptionId").asText(null), null,
                HttpQueueApi.jobIdOrNull(job.path("id").asText()), null);
    }
}
