package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import org.apache.camel.TypeConversionException;

/**
 * {@code getJob}: reads the job the {@code CamelKeboolaOverrideJobId} header names; the body becomes the job
 * ({@code Map}). The {@code CamelKeboolaJobId} a previous step wrote is not read: copy it into the override header.
 */
final class GetJobOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        Object header = request.jobId();
        if (header == null) {
            throw new KeboolaException("getJob needs the job id in the " + KeboolaConstants.OVERRIDE_JOB_ID + " header",
                    request.tableId(), null);
        }
        Long jobId;
        try {
            jobId = request.exchange().getContext().getTypeConverter().convertTo(Long.class, request.exchange(), header);
        } catch (TypeConversionException e) {
            throw notNumeric(header, request, e);
        }
        if (jobId == null) {
            throw notNumeric(header, request, null);
        }
        var job = request.api().getJob(jobId);
        request.exchange().getMessage().setBody(OperationRequest.toMap(job));
        request.setResultHeaders(job.hasNonNull("tableId") ? job.get("tableId").asText() : null, jobId, null);
    }

    private static KeboolaException notNumeric(Object header, OperationRequest request, Exception cause) {
        return new KeboolaException("getJob needs a numeric " + KeboolaConstants.OVERRIDE_JOB_ID + " header, got " + header,
                request.tableId(), cause);
    }
}
