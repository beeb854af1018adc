package io.github.camelkeboola.component.producer;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.StorageApi;
import org.apache.camel.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code importSlicedFile}: the last step of a sliced load ({@link SlicedFiles}). The body is the slices the workers
 * uploaded (the collection of what {@code uploadSlice} returned, as maps or their JSON text, or their urls); their
 * manifest is written and the file imported into the (existing) table with one {@code import-async} job: full
 * ({@code incremental=false}: the table is replaced by the union of the slices) or incremental. One job loads every
 * slice or none. The table must exist: Storage creates no table from a headerless sliced file (contract §5, PHP-T
 * {@code CreateTableTest::testCreateTableFromSlicedFile}). A redelivery waits for the job an earlier attempt started.
 */
final class ImportSlicedFileOperation implements ProducerOperation {

    private static final Logger LOG = LoggerFactory.getLogger(ImportSlicedFileOperation.class);

    @Override
    public void process(OperationRequest request) throws Exception {
        KeboolaConfiguration config = request.config();
        StorageApi api = request.api();
        String tableId = request.requireTableId("importSlicedFile");
        TableIds.checkForImport(tableId);
        ImportAttempt previous = ImportAttempt.previous(request.exchange(), tableId);
        if (previous != null) {
            Optional<JsonNode> accepted = previous.acceptedJob(api);
            if (accepted.isPresent()) {
                LOG.info("A redelivery of the sliced import into {}: waiting for job {}, which the earlier attempt started",
                        tableId, OperationRequest.id(accepted.get()));
                ImportTableOperation.finish(request, previous, accepted.get());
                return;
            }
        }
        List<String> columns = request.columns();
        if (columns.isEmpty()) {
            throw new KeboolaException("importSlicedFile needs the columns (option or " + KeboolaConstants.COLUMNS
                                       + " header): slices have no header row", tableId, null);
        }
        Slices slices = Slices.of(request.in(), tableId);
        if (api.findTable(tableId).isEmpty()) {
            throw new KeboolaException("Table " + tableId + " does not exist: importSlicedFile loads an existing table"
                                       + " (Storage creates no table from a sliced file without a header row); create it first,"
                                       + " for example with importTable", tableId, null);
        }
        ImportAttempt attempt = ImportAttempt.start(request.exchange(), previous, tableId, false);
        if (attempt.fileId == null) {
            request.endpoint().getFileTransfer().writeManifest(
                    SlicedFiles.uploadResource(request, slices.fileId, "importSlicedFile"), slices.urls);
            attempt.fileId = slices.fileId;
        }
        request.setResultHeaders(tableId, null, attempt.fileId);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("dataFileId", attempt.fileId);
        params.put("incremental", request.incremental());
        params.put("delimiter", CsvBody.delimiter(config));
        params.put("enclosure", String.valueOf(CsvBody.enclosure(config)));
        // columns: "the first line of the file will not be treated as a header" (contract §6)
        params.put("columns", columns);
        JsonNode accepted = api.importAsync(tableId, params, attempt.sending());
        attempt.jobId = OperationRequest.id(accepted);
        LOG.debug("Import of {} from sliced file {} ({} slices) runs as job {}", tableId, attempt.fileId, slices.urls.size(),
                attempt.jobId);
        ImportTableOperation.finish(request, attempt, accepted);
        // imported: its upload parameters are of no more use (a redelivery waits for this job, it uploads nothing)
        request.endpoint().getComponent().getPreparedSlicedFiles().forget(attempt.fileId);
    }

    /** The file and the slice urls the body names, each once. */
    private record Slices(long fileId, List<String> urls) {

        static Slices of(Message in, String tableId) {
            Object body = in.getBody();
            if (!(body instanceof Collection<?> items) || items.isEmpty()) {
                throw new KeboolaException("importSlicedFile needs the uploaded slices as its body: a non-empty collection"
                                           + " of what uploadSlice returned", tableId, null);
            }
            Long fileId = SlicedFiles.fileIdHeader(in);
            Set<String> urls = new LinkedHashSet<>();
            for (Object item : items) {
                Map<?, ?> slice = asMap(item, tableId);
                Object url = slice.get("url");
                if (url == null || url.toString().isBlank()) {
                    throw new KeboolaException("importSlicedFile: a slice of the body has no url: " + slice.keySet(), tableId, null);
                }
                Object sliceFile = slice.get("fileId");
                if (sliceFile != null) {
                    long id = Long.parseLong(sliceFile.toString());
                    if (fileId != null && fileId != id) {
                        throw new KeboolaException("importSlicedFile: slice " + url + " belongs to file " + id + ", not to file "
                                                   + fileId, tableId, null);
                    }
                    fileId = id;
                }
                if (!urls.add(url.toString())) {
                    throw new KeboolaException("importSlicedFile: slice " + url + " is in the body twice (its rows would load"
                                               + " twice)", tableId, null);
                }
            }
            if (fileId == null) {
                throw new KeboolaException("importSlicedFile: no file id, neither in the " + KeboolaConstants.SLICED_FILE_ID
                                           + " header nor in the slices", tableId, null);
            }
            return new Slices(fileId, new ArrayList<>(urls));
        }

        private static Map<?, ?> asMap(Object item, String tableId) {
            if (item instanceof Map<?, ?> map) {
                return map;
            }
            String text = item == null ? "" : item.toString().trim();
            if (text.startsWith("{")) {
                try {
                    return OperationRequest.JSON.readValue(text, Map.class);
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new KeboolaException("importSlicedFile: a slice of the body is not JSON: " + e.getOriginalMessage(),
                            tableId, null);
                }
            }
            return text.isEmpty() ? Map.of() : Map.of("url", text);
        }
    }
}
