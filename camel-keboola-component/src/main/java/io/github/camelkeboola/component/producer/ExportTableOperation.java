package io.github.camelkeboola.component.producer;

import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaCsvStream;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutputType;
import io.github.camelkeboola.component.transfer.ExportRequest;
import io.github.camelkeboola.component.transfer.ExportedTable;
import io.github.camelkeboola.component.transfer.TableExporter;
import org.apache.camel.Exchange;
import org.apache.camel.support.SynchronizationAdapter;
import org.apache.camel.util.IOHelper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;

/**
 * {@code exportTable}: runs an {@code export-async} job and hands the rows to the route as they download, as
 * {@code outputType} asks: a CSV {@code InputStream} with a header row, a lazy {@code Iterator} of {@code Map} rows,
 * or a CSV {@code File} in {@code outputDirectory}. Both stay readable after the exchange completes (a
 * {@code ProducerTemplate} caller or a mock endpoint reads them): both are closed on completion, which frees their
 * download (temporary slice files, connections) also when the route failed before reading them, and download again
 * when read later (the iterator goes on after the rows it already delivered).
 */
final class ExportTableOperation implements ProducerOperation {

    @Override
    public void process(OperationRequest request) throws IOException {
        KeboolaConfiguration config = request.config();
        String tableId = request.requireTableId("exportTable");
        KeboolaOutputType outputType = config.getOutputType() == null ? KeboolaOutputType.stream : config.getOutputType();
        if (outputType == KeboolaOutputType.file && (config.getOutputDirectory() == null || config.getOutputDirectory().isBlank())) {
            throw new KeboolaException("exportTable with outputType=file needs outputDirectory", tableId, null);
        }
        ExportRequest export = new ExportRequest(request.columns(), request.changedSince(tableId), request.changedUntil(tableId),
                config.getWhereColumn(), request.whereValues(), config.getWhereOperator(), config.getLimit());
        ExportedTable table = new TableExporter(request.api(), request.endpoint().getFileTransfer())
                .export(tableId, export, request.jobTimeout());
        request.setResultHeaders(tableId, table.jobId(), table.fileId());

        Exchange exchange = request.exchange();
        switch (outputType) {
            case rows -> exchange.getMessage().setBody(closeOnCompletion(exchange, new ReleasableRows(table.openRows(), table::openRows)));
            case file -> exchange.getMessage().setBody(writeFile(table, Paths.get(config.getOutputDirectory())).toFile());
            // closed when the exchange completes (no temporary slices left behind); a later read downloads again
            default -> exchange.getMessage().setBody(closeOnCompletion(exchange, new KeboolaCsvStream(table.openCsv(), table::openCsv)));
        }
    }

    /** Writes next to the target and moves it in place, so a reader never sees half a file. */
    private static Path writeFile(ExportedTable table, Path directory) throws IOException {
        Files.createDirectories(directory);
        Path target = directory.resolve(table.tableId() + ".csv");
        Path partial = Files.createTempFile(directory, table.tableId() + ".", ".part");
        try (InputStream csv = table.openCsv()) {
            Files.copy(csv, partial, StandardCopyOption.REPLACE_EXISTING);
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(partial);
            throw e;
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
