package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.TypeConversionException;

/** {@code getJob}: reads the job the {@code CamelKeboolaJobId} header names; the body becomes the job ({@code Map}). */
final class GetJobOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        Long jobId;
        try {
            jobId = request.in().getHeader(KeboolaConstants.JOB_ID, Long.class);
        } catch (TypeConversionException e) {
            throw new KeboolaException("getJob needs a numeric " + KeboolaConstants.JOB_ID + " header, got "
                                       + request.in().getHeader(KeboolaConstants.JOB_ID), request.tableId(), e);
        }
        if (jobId == null) {
            throw new KeboolaException("getJob needs the job id in the " + KeboolaConstants.JOB_ID + " header", request.tableId(), null);
        }
        var job = request.api().getJob(jobId);
        request.exchange().getMessage().setBody(OperationRequest.toMap(job));
        request.setResultHeaders(job.hasNonNull("tableId") ? job.get("tableId").asText() : null, jobId, null);
    }
}
