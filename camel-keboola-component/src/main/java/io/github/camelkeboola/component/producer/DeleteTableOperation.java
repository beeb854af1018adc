package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code deleteTable}: deletes the table and waits for the deletion job; the body becomes the finished job. While the
 * job is waited for, it is kept on the exchange ({@link KeboolaConstants#DELETE_JOB}): a Camel redelivery after its
 * wait failed (polls that kept failing, the job timeout) waits for the same job rather than deleting again.
 */
final class DeleteTableOperation implements ProducerOperation {

    private static final Logger LOG = LoggerFactory.getLogger(DeleteTableOperation.class);

    /** The job a delete of {@code tableId} was accepted as. */
    private record AcceptedDelete(String tableId, long jobId) {
    }

    @Override
    public void process(OperationRequest request) {
        String tableId = request.requireTableId("deleteTable");
        Exchange exchange = request.exchange();
        JsonNode accepted;
        if (exchange.getProperty(KeboolaConstants.DELETE_JOB) instanceof AcceptedDelete earlier && earlier.tableId().equals(tableId)) {
            LOG.info("A redelivery of the delete of {}: waiting for job {}, which the earlier attempt started", tableId, earlier.jobId());
            accepted = request.api().getJob(earlier.jobId());
        } else {
            accepted = request.api().deleteTable(tableId);
        }
        Long jobId = OperationRequest.id(accepted);
        request.setResultHeaders(tableId, jobId, null);
        // a synchronous delete (the deprecated 204, or 200 without a job) is already done: there is no job to wait for
        JsonNode job = accepted;
        if (jobId != null) {
            exchange.setProperty(KeboolaConstants.DELETE_JOB, new AcceptedDelete(tableId, jobId));
            try {
                job = request.api().waitForJob(accepted, request.jobTimeout());
            } catch (KeboolaOutcomeUnknownException stillRunning) {
                throw stillRunning; // a redelivery waits for the same job
            } catch (RuntimeException ended) {
                exchange.removeProperty(KeboolaConstants.DELETE_JOB); // the job failed: a redelivery deletes anew
                throw ended;
            }
            exchange.removeProperty(KeboolaConstants.DELETE_JOB);
        }
        exchange.getMessage().setBody(OperationRequest.toMap(job));
    }
}
