package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;

/**
 * {@code getQueueJob}: reads the Queue job the {@code CamelKeboolaOverrideJobId} header names ({@code GET jobs/{id}});
 * the body becomes the job ({@code Map}), whatever its status.
 */
final class GetQueueJobOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        Object header = request.jobId();
        String id = header == null ? "" : header.toString().trim();
        if (!id.matches("\\d+")) {
            throw new KeboolaException("getQueueJob needs a numeric Queue job id in the " + KeboolaConstants.OVERRIDE_JOB_ID
                                       + " header, got " + (header == null ? "none" : header), null, null);
        }
        deliver(request, request.endpoint().getQueueApi().getJob(id));
    }

    static void deliver(OperationRequest request, JsonNode job) {
        request.exchange().getMessage().setBody(OperationRequest.toMap(job));
        request.setResultHeaders(null, HttpQueueApiIds.id(job), null);
        request.exchange().getMessage().setHeader(KeboolaConstants.JOB_STATUS, job.path("status").asText());
    }
}
