package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaException;

/**
 * {@code setMetadata}: sets the endpoint's {@code description} and {@code columnMetadata.*} on an existing table; the
 * body becomes the table's detail, as {@code getTable} gives it.
 */
final class SetMetadataOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        String tableId = request.requireTableId("setMetadata");
        if (!TableMetadata.named(request.config())) {
            throw new KeboolaException("setMetadata of " + tableId + " has nothing to set: give description or"
                                       + " columnMetadata.COLUMN.KEY=VALUE options", tableId, null);
        }
        TableMetadata.set(request.api(), tableId, request.config());
        request.setResultHeaders(tableId, null, null);
        request.exchange().getMessage().setBody(GetTableOperation.detail(request.api().getTable(tableId)));
    }
}
