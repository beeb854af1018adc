package io.github.camelkeboola.component.producer;

/** {@code getTable}: the body becomes the table's detail (a {@code Map}). */
final class GetTableOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        String tableId = request.requireTableId("getTable");
        request.exchange().getMessage().setBody(OperationRequest.toMap(request.api().getTable(tableId)));
        request.setResultHeaders(tableId, null, null);
    }
}
