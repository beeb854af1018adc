package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;

/** {@code deleteTable}: deletes the table and waits for the deletion job; the body becomes the finished job. */
final class DeleteTableOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        String tableId = request.requireTableId("deleteTable");
        JsonNode accepted = request.api().deleteTable(tableId);
        request.setResultHeaders(tableId, OperationRequest.id(accepted), null);
        JsonNode job = request.api().waitForJob(accepted, request.jobTimeout());
        request.exchange().getMessage().setBody(OperationRequest.toMap(job));
    }
}
