package io.github.camelkeboola.component;

/**
 * A {@link KeboolaException} after which the Storage API may still do, or have done, the work asked: a job that
 * was accepted but did not finish within {@code jobTimeout} or whose state could no longer be read, or a
 * job-creating request whose answer was unclear and whose job could not be looked up. Sending the request again
 * could apply it twice; look the job up (its id, or the runId in the message) instead. A Camel redelivery of the
 * same exchange does that for an import.
 */
public class KeboolaOutcomeUnknownException extends KeboolaException {

    public KeboolaOutcomeUnknownException(String message, int httpStatusCode, String tableId, Long jobId, Throwable cause) {
        super(message, httpStatusCode, null, null, tableId, jobId, cause);
    }
}
