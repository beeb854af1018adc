package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaCsvStream;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.component.export.ExportRequest;
import io.github.camelkeboola.component.export.ExportedTable;
import io.github.camelkeboola.component.export.TableExport;
import io.github.camelkeboola.component.export.TableSlice;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

/**
 * {@code exportTable}: runs an {@code export-async} job and hands the rows to the route as they download, as
 * {@code outputType} asks: a CSV {@code InputStream} with a header row, or a lazy {@code Iterator} of {@code Map} rows.
 * Both stay readable after the exchange completes (a {@code ProducerTemplate} caller or a mock endpoint reads them):
 * both are closed on completion, which frees their download (temporary slice files, connections) also when the route
 * failed before reading them, and download again when read later (the iterator goes on after the rows it already
 * delivered). A file is written by the file component ({@code to("file:..?tempFileName=..")} writes to a temporary
 * name and renames it), not here.
 * <p>
 * {@code outputType=slices} hands over no rows: the body is a {@code List} with one {@link TableSlice} map per slice
 * of the file, for {@code split(body())} to send one exchange per slice to a broker, where workers read a slice each
 * ({@link ReadSliceOperation}). A list in one exchange, rather than one exchange per slice made here, is what the
 * Splitter expects (as aws2-s3's {@code listObjects} hands over a list): the route chooses streaming, parallelism and
 * aggregation, and the export job has run once, whatever the route does after.
 */
final class ExportTableOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) {
        KeboolaConfiguration config = request.config();
        String tableId = request.requireTableId("exportTable");
        ExportRequest export = new ExportRequest(request.columns(), request.changedSince(tableId), request.changedUntil(tableId),
                config.getWhereColumn(), request.whereValues(), config.getWhereOperator(), config.getLimit());
        ExportedTable table = new TableExport(request.api(), request.endpoint().getFileTransfer())
                .run(tableId, export, null, request.jobTimeout());
        request.setResultHeaders(tableId, table.jobId(), table.fileId());

        Exchange exchange = request.exchange();
        if (config.getOutputType() == KeboolaOutputType.slices) {
            exchange.getMessage().setBody(table.slices().stream().map(TableSlice::toMap).toList());
            return;
        }
        deliverRows(exchange, config, table);
    }

    /** The rows of an export (or of one slice) as {@code outputType} asks: a CSV stream or an iterator of maps. */
    static void deliverRows(Exchange exchange, KeboolaConfiguration config, ExportedTable table) {
        if (config.getOutputType() == KeboolaOutputType.rows) {
            exchange.getMessage().setBody(closeOnCompletion(exchange, new ReleasableRows(table.openRows(), table::openRows)));
        } else {
            // closed when the exchange completes (no temporary slices left behind); a later read downloads again
            exchange.getMessage().setBody(closeOnCompletion(exchange, new KeboolaCsvStream(table.openCsv(), table::openCsv)));
        }
    }

    private static <T extends java.io.Closeable> T closeOnCompletion(Exchange exchange, T body) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                IOHelper.close(body);
            }
        });
        return body;
    }
}
