package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.component.export.ExportedTable;
import io.github.camelkeboola.component.export.TableExport;
import io.github.camelkeboola.component.export.TableSlice;
import org.apache.camel.Message;

import java.io.IOException;
import java.util.Map;

/**
 * {@code readSlice}: the worker side of {@code exportTable} with {@code outputType=slices}. The body is one slice as
 * that step described it (its {@code Map}, or the same as JSON text, bytes or a stream, as a broker delivers it); the
 * slice's file is looked up afresh with {@code GET files/{id}?federationToken=1} for credentials of this worker's own,
 * and the slice's rows become the body like {@code exportTable}'s: a CSV stream with a header row, or rows. The
 * download resumes where a cut connection broke off and retries like every other.
 */
final class ReadSliceOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) throws IOException {
        if (request.config().getOutputType() == KeboolaOutputType.slices) {
            throw new KeboolaException("readSlice delivers a slice's rows: outputType stream or rows, not slices", null, null);
        }
        TableSlice slice = TableSlice.fromMap(bodyAsMap(request.in()));
        ExportedTable table = new TableExport(request.api(), request.endpoint().getFileTransfer()).slice(slice);
        request.setResultHeaders(slice.tableId(), null, slice.fileId());
        ExportTableOperation.deliverRows(request.exchange(), request.config(), table);
    }

    private static Map<?, ?> bodyAsMap(Message in) throws IOException {
        Object body = in.getBody();
        if (body instanceof Map<?, ?> map) {
            return map;
        }
        String json = in.getBody(String.class);
        if (json == null || json.isBlank()) {
            throw new KeboolaException("readSlice needs a body: one slice of exportTable with outputType=slices (a Map or"
                                       + " its JSON text)", null, null);
        }
        try {
            return OperationRequest.JSON.readValue(json, Map.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new KeboolaException("readSlice got a body that is not the JSON of a slice: " + e.getOriginalMessage(), null, null);
        }
    }
}
