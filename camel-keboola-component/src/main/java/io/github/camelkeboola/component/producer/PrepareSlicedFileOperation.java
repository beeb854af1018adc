package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConstants;

import java.util.List;
import java.util.Map;

/**
 * {@code prepareSlicedFile}: {@code POST files/prepare} with {@code isSliced=true} and {@code federationToken}, the
 * first step of a load spread over workers ({@link SlicedFiles}). The file's id goes to the
 * {@code CamelKeboolaSlicedFileId} (and {@code CamelKeboolaFileId}) header, its upload parameters to
 * {@code CamelKeboolaSlicedFileUpload} (for workers in other JVMs) and to the component (for the import that ends the
 * load); the body is left as it is, typically the list of work the route then splits over the workers. Named after the table ({@code orders.csv.gz}: slices are
 * uploaded gzip, and PHP's {@code uploadSlicedFile()} names a compressed file so too).
 */
final class PrepareSlicedFileOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        String tableId = request.tableId();
        String name = (tableId == null || tableId.isBlank() ? "sliced" : tableId.substring(tableId.lastIndexOf('.') + 1)) + ".csv.gz";
        JsonNode prepared = request.api().prepareFile(name, true, Map.of("tags", List.of("camel-keboola")));
        Long fileId = OperationRequest.id(prepared);
        request.setResultHeaders(tableId, null, fileId);
        request.exchange().getMessage().setHeader(KeboolaConstants.SLICED_FILE_ID, fileId);
        request.exchange().getMessage().setHeader(KeboolaConstants.SLICED_FILE_UPLOAD, prepared.toString());
        request.endpoint().getComponent().getPreparedSlicedFiles().remember(fileId, prepared);
    }
}
