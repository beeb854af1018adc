package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.KeboolaOutcomeUnknownException;
import io.github.camelkeboola.component.api.StorageApi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code importTable}: uploads the body as a gzipped CSV file ({@code files/prepare}, then the stack's file storage)
 * and loads it with {@code import-async}, or, when the table is missing and {@code autoCreateTable} is on, creates
 * the bucket if needed and the table with {@code tables-async}, then sets the table's description and column metadata
 * the endpoint names (an existing table's are left alone). Waits for the job; the body becomes its results.
 * A redelivery of the exchange continues the earlier attempt ({@link ImportAttempt}) rather than importing twice.
 */
final class ImportTableOperation implements ProducerOperation {

    private static final Logger LOG = LoggerFactory.getLogger(ImportTableOperation.class);

    @Override
    public void process(OperationRequest request) throws Exception {
        KeboolaConfiguration config = request.config();
        StorageApi api = request.api();
        String tableId = request.requireTableId("importTable");
        TableIds.checkForImport(tableId);
        int lastDot = tableId.lastIndexOf('.');
        ImportAttempt previous = ImportAttempt.previous(request.exchange(), tableId);
        if (previous != null) {
            Optional<JsonNode> accepted = previous.acceptedJob(api);
            if (accepted.isPresent()) {
                LOG.info("A redelivery of the import into {}: waiting for job {}, which the earlier attempt started",
                        tableId, OperationRequest.id(accepted.get()));
                finish(request, previous, accepted.get());
                return;
            }
        }
        String bucketId = tableId.substring(0, lastDot);
        String tableName = tableId.substring(lastDot + 1);
        List<String> columns = request.columns();
        boolean rows = CsvBody.isRows(request.in().getBody());
        // rows are written with a header row, whatever withoutHeaders says about CSV bodies
        boolean withoutHeaders = config.isWithoutHeaders() && !rows;

        Optional<JsonNode> table = config.isAutoCreateTable() ? api.findTable(tableId) : Optional.of(api.getTable(tableId));
        boolean create = table.isEmpty();
        if (create && withoutHeaders && columns.isEmpty()) {
            throw new KeboolaException("Table " + tableId + " does not exist and the CSV has no header row: set columns"
                                       + " (or the CamelKeboolaColumns header) so the table can be created", tableId, null);
        }
        ImportAttempt attempt = ImportAttempt.start(request.exchange(), previous, tableId, create);
        if (attempt.fileId == null) {
            List<String> headerRow = create && withoutHeaders ? columns : null;
            // the first record is checked here, before anything is created or uploaded; the rest as it uploads
            try (InputStream csv = CheckedCsv.open(CsvBody.open(request.in(), columns, config, tableId, headerRow),
                    CsvBody.delimiter(config).charAt(0), CsvBody.enclosure(config), withoutHeaders && headerRow == null,
                    withoutHeaders && headerRow == null && !columns.isEmpty() ? columns.size() : -1, tableId)) {
                if (create) {
                    api.ensureBucket(bucketId);
                }
                attempt.fileId = upload(request, tableId, tableName, csv);
            }
        } else if (create) {
            api.ensureBucket(bucketId);
        }
        Long fileId = attempt.fileId;
        request.setResultHeaders(tableId, null, fileId);
        String runId = attempt.sending();
        JsonNode accepted = create
                ? api.createTableAsync(bucketId, createParams(config, tableName, fileId), runId)
                : api.importAsync(tableId, importParams(request, fileId, withoutHeaders, columns), runId);
        attempt.jobId = OperationRequest.id(accepted);
        LOG.debug("{} of {} from file {} runs as job {}", create ? "Create" : "Import", tableId, fileId, attempt.jobId);
        finish(request, attempt, accepted);
    }

    /** Uploads the (checked) CSV of the body into a new file. */
    private static Long upload(OperationRequest request, String tableId, String tableName, InputStream csv) {
        JsonNode prepared = request.api().prepareFile(tableName + ".csv.gz", false, Map.of("tags", List.of("camel-keboola")));
        Long fileId = OperationRequest.id(prepared);
        request.setResultHeaders(tableId, null, fileId);
        request.endpoint().getFileTransfer().uploadGzipped(prepared, csv);
        return fileId;
    }

    /** Waits for the job; its results become the body. The attempt is over unless the job's outcome is unknown. */
    static void finish(OperationRequest request, ImportAttempt attempt, JsonNode accepted) {
        request.setResultHeaders(attempt.tableId, OperationRequest.id(accepted), attempt.fileId);
        JsonNode job;
        try {
            job = request.api().waitForJob(accepted, request.jobTimeout());
        } catch (KeboolaOutcomeUnknownException stillRunning) {
            throw stillRunning; // a redelivery waits for the same job
        } catch (KeboolaException failed) {
            attempt.jobFailed();
            throw failed;
        }
        if (attempt.create && TableMetadata.named(request.config())) {
            try {
                TableMetadata.set(request.api(), attempt.tableId, request.config());
            } catch (KeboolaException failed) {
                // the attempt stays: a redelivery finds the created table's job and sets the metadata again
                LOG.warn("Table {} was created (job {}), but its metadata was not set: {}", attempt.tableId,
                        OperationRequest.id(accepted), failed.getMessage());
                throw failed;
            }
        }
        ImportAttempt.finished(request.exchange());
        Map<String, Object> results = attempt.create
                ? createdResults(job.path("results"))
                : new LinkedHashMap<>(OperationRequest.toMap(job.path("results")));
        results.put("tableCreated", attempt.create);
        request.exchange().getMessage().setBody(results);
    }

    private static Map<String, Object> createParams(KeboolaConfiguration config, String tableName, Long fileId) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tableName);
        params.put("dataFileId", fileId);
        params.put("delimiter", CsvBody.delimiter(config));
        params.put("enclosure", String.valueOf(CsvBody.enclosure(config)));
        List<String> primaryKey = OperationRequest.splitList(config.getPrimaryKey());
        if (!primaryKey.isEmpty()) {
            params.put("primaryKey", String.join(",", primaryKey)); // a comma-separated string, not an array
        }
        return params;
    }

    private static Map<String, Object> importParams(OperationRequest request, Long fileId, boolean withoutHeaders,
                                                    List<String> columns) {
        KeboolaConfiguration config = request.config();
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dataFileId", fileId);
        params.put("incremental", request.incremental());
        params.put("delimiter", CsvBody.delimiter(config));
        params.put("enclosure", String.valueOf(CsvBody.enclosure(config)));
        params.put("withoutHeaders", withoutHeaders);
        if (withoutHeaders && !columns.isEmpty()) {
            // columns tell the API the file has no header line; only then are they sent
            params.put("columns", columns);
        }
        return params;
    }

    /** A created table reports the same figures an import does, so routes read one shape. */
    private static Map<String, Object> createdResults(JsonNode table) {
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("importedColumns", OperationRequest.JSON.convertValue(table.path("columns"), List.class));
        results.put("totalRowsCount", table.path("rowsCount").asLong());
        results.put("totalDataSizeBytes", table.path("dataSizeBytes").asLong());
        results.put("warnings", List.of());
        return results;
    }
}
