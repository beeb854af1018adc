package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code deleteTable}: deletes the table and waits for the deletion job; the body becomes the finished job. */
final class DeleteTableOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        String tableId = request.requireTableId("deleteTable");
        JsonNode accepted = request.api().deleteTable(tableId);
        Long jobId = OperationRequest.id(accepted);
        request.setResultHeaders(tableId, jobId, null);
        // a synchronous delete (the deprecated 204, or 200 without a job) is already done: there is no job to wait for
        JsonNode job = jobId == null ? accepted : request.api().waitForJob(accepted, request.jobTimeout());
        request.exchange().getMessage().setBody(OperationRequest.toMap(job));
    }
}
