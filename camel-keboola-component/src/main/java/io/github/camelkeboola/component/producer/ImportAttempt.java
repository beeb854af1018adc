package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.api.StorageApi;
import org.apache.camel.Exchange;

import java.time.Instant;
import java.util.Optional;

/**
 * What one import of an exchange has done so far, kept in the exchange property
 * {@link KeboolaConstants#IMPORT_ATTEMPT}. A Camel redelivery calls the producer again with the same exchange, so
 * the property is where a second attempt learns that the first one was accepted as a job (it waits for that job), or
 * sent a request whose answer was unclear (it looks the job up by the runId), or uploaded the whole file (it loads
 * that file without reading the body again). It applies only to the same table and the same body object: a split
 * part or an exchange whose body was replaced starts afresh.
 */
final class ImportAttempt {

    final String tableId;
    final Object body;
    /** Whether the table is created ({@code tables-async}) rather than loaded ({@code import-async}). */
    final boolean create;
    /** The file uploaded in full, when it was. */
    Long fileId;
    /** The runId of the job-creating request, once it was sent, and when it was first sent. */
    String runId;
    Instant sentAt;
    /** The job the request was accepted as. */
    Long jobId;

    private ImportAttempt(String tableId, Object body, boolean create) {
        this.tableId = tableId;
        this.body = body;
        this.create = create;
    }

    /** The attempt an earlier delivery of this exchange made to import this body into this table, or null. */
    static ImportAttempt previous(Exchange exchange, String tableId) {
        Object property = exchange.getProperty(KeboolaConstants.IMPORT_ATTEMPT);
        return property instanceof ImportAttempt attempt && attempt.tableId.equals(tableId)
               && attempt.body == exchange.getIn().getBody() ? attempt : null;
    }

    /** The previous attempt when it uploaded a file usable for this one, else a new attempt; kept on the exchange. */
    static ImportAttempt start(Exchange exchange, ImportAttempt previous, String tableId, boolean create) {
        ImportAttempt attempt = previous != null && previous.fileId != null && previous.create == create
                ? previous
                : new ImportAttempt(tableId, exchange.getIn().getBody(), create);
        exchange.setProperty(KeboolaConstants.IMPORT_ATTEMPT, attempt);
        return attempt;
    }

    /** The job this attempt was accepted as: known by its id, or found by the runId of a request sent before. */
    Optional<JsonNode> acceptedJob(StorageApi api) {
        if (jobId != null) {
            return Optional.of(api.getJob(jobId));
        }
        return runId == null ? Optional.empty() : api.findJobByRunId(runId, sentAt);
    }

    /** The runId of the job-creating request about to be sent (the same on every resend). */
    String sending() {
        if (runId == null) {
            runId = StorageApi.newRunId();
            sentAt = Instant.now();
        }
        return runId;
    }

    /** The job ended in error: a further attempt sends the request anew (the uploaded file stays usable). */
    void jobFailed() {
        jobId = null;
        runId = null;
        sentAt = null;
    }

    static void finished(Exchange exchange) {
        exchange.removeProperty(KeboolaConstants.IMPORT_ATTEMPT);
    }
}
