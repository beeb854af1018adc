package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.export.CloseableIterator;
import io.github.camelkeboola.component.export.ExportRequest;
import io.github.camelkeboola.component.export.ExportedTable;
import io.github.camelkeboola.component.export.TableExport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.component.api.StorageApi;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TableExport} over a scripted Storage API and S3Proxy holding the export's slices. */
class TableExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TABLE = "in.c-main.orders";
    private static final String KEY = "exp-2/table-exports/in/c-main/orders/77.csv";

    @TempDir
    Path dir;
    private S3ProxyServer s3;
    private StorageProxy proxy;
    private FileTransfer transfer;
    private ScriptedApi api;
    private String slices;

    @BeforeEach
    void start() throws Exception {
        s3 = new S3ProxyServer(dir.resolve("s3"));
        proxy = new StorageProxy(s3.endpoint());
        transfer = FileTransfer.create(S3FileTransferTest.config(S3Store.MIN_PART_SIZE, 1));
        api = new ScriptedApi();
        StringBuilder all = new StringBuilder();
        String[] keys = new String[4];
        for (int i = 0; i < keys.length; i++) {
            String rows = TestData.rows(i * 250 + 1, 250, 50 + i);
            all.append(rows);
            keys[i] = KEY + String.format("%04d_part_00", i);
            s3.putObject(keys[i], TestData.gzip(rows));
        }
        s3.putObject(KEY + "manifest", S3FileTransferTest.manifest(keys));
        slices = all.toString();
    }

    @AfterEach
    void stop() throws Exception {
        transfer.close();
        proxy.close();
        s3.close();
    }

    @Test
    void exportJobIsAskedForGzipSlicesWithFiltersAsTheApiExpects() {
        ExportRequest request = new ExportRequest(List.of("id", "name", "payload"), 1_700_000_000L, 1_700_003_600L, "name",
                List.of("PRG", "VAN"), "ne", 500);

        ExportedTable table = new TableExport(api, transfer).run(TABLE, request, null, Duration.ofMinutes(1));

        Map<String, Object> params = api.exportParams.get(0);
        assertEquals(true, params.get("gzip"));
        assertEquals("id,name,payload", params.get("columns"));
        assertEquals(1_700_000_000L, params.get("changedSince"));
        assertEquals(1_700_003_600L, params.get("changedUntil"));
        assertEquals("name", params.get("whereColumn"));
        assertEquals(List.of("PRG", "VAN"), params.get("whereValues"));
        assertEquals("ne", params.get("whereOperator"));
        assertEquals(500, params.get("limit"));
        assertEquals(List.of(77L), api.fileIdsRead);
        assertEquals(Duration.ofMinutes(1), api.waitedFor);
        assertEquals(4242L, table.jobId());
        assertEquals(77L, table.fileId());
        assertTrue(table.cacheHit());
        assertEquals(0, api.tableReads, "requested columns need no table detail");
    }

    @Test
    void wholeTableExportSendsOnlyGzip() {
        new TableExport(api, transfer).run(TABLE, ExportRequest.all(), null, Duration.ofMinutes(1));

        assertEquals(Map.of("gzip", true), api.exportParams.get(0));
    }

    @Test
    void csvHasAQuotedHeaderOfTheTableColumnsThenTheSlicesInOrder() throws Exception {
        ExportedTable table = new TableExport(api, transfer).run(TABLE, ExportRequest.all(), null, Duration.ofMinutes(1));

        String csv = TestData.read(table.openCsv());

        assertEquals(List.of("id", "name", "payload"), table.columns());
        assertEquals(1, api.tableReads);
        assertEquals("\"id\",\"name\",\"payload\"\n" + slices, csv);
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
        assertEquals(1000, records.size());
        assertEquals("name 1 \"quoted\", with comma", records.get(0).get("name"));
        assertEquals("1000", records.get(999).get("id"));
    }

    @Test
    void rowsAreMapsReadLazilyAsSlicesArrive() throws Exception {
        ExportedTable table = new TableExport(api, transfer).run(TABLE, new ExportRequest(List.of("id", "name", "payload"),
                null, null, null, null, null, null), null, Duration.ofMinutes(1));
        proxy.clearRecorded();

        try (CloseableIterator<Map<String, String>> rows = table.openRows()) {
            Map<String, String> first = rows.next();
            assertEquals("1", first.get("id"));
            assertEquals("name 1 \"quoted\", with comma", first.get("name"));
            // One slice being read and one (the parallelism) fetched ahead; the rest wait for the reader.
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> sliceGets() <= 2);
            int count = 1;
            String lastId = null;
            while (rows.hasNext()) {
                lastId = rows.next().get("id");
                count++;
            }
            assertEquals(1000, count);
            assertEquals("1000", lastId);
        }
        assertEquals(4, sliceGets());
    }

    @Test
    void idsAndFlagsSentAsStringsAreRead() throws Exception {
        // contract §0: ids may come as strings, booleans as "1"
        ObjectNode results = JSON.createObjectNode().put("cacheHit", "1");
        results.putObject("file").put("id", "77");
        api.results = results;
        api.jobId = JSON.getNodeFactory().textNode("4242");
        api.isSliced = JSON.getNodeFactory().textNode("1");

        ExportedTable table = new TableExport(api, transfer).run(TABLE, ExportRequest.all(), null, Duration.ofMinutes(1));

        assertEquals(77L, table.fileId());
        assertEquals(4242L, table.jobId());
        assertTrue(table.cacheHit());
        assertEquals("\"id\",\"name\",\"payload\"\n" + slices, TestData.read(table.openCsv()));
    }

    @Test
    void emptyArrayResultsFailNamingTheJob() {
        api.results = JSON.createArrayNode();

        KeboolaException e = assertThrows(KeboolaException.class,
                () -> new TableExport(api, transfer).run(TABLE, ExportRequest.all(), null, Duration.ofMinutes(1)));

        assertEquals(4242L, e.getJobId());
    }

    @Test
    void jobWithoutAFileFailsNamingTableAndJob() {
        api.results = JSON.createObjectNode();

        KeboolaException e = assertThrows(KeboolaException.class,
                () -> new TableExport(api, transfer).run(TABLE, ExportRequest.all(), null, Duration.ofMinutes(1)));

        assertEquals(TABLE, e.getTableId());
        assertEquals(4242L, e.getJobId());
        assertTrue(e.getMessage().contains("table=" + TABLE) && e.getMessage().contains("job=4242"), e.getMessage());
    }

    @Test
    void rowWithTheWrongNumberOfValuesFailsNamingTableAndRow() throws Exception {
        s3.putObject(KEY + "0001_part_00", TestData.gzip("\"251\",\"only two\"\n"));
        ExportedTable table = new TableExport(api, transfer).run(TABLE, ExportRequest.all(), null, Duration.ofMinutes(1));

        try (CloseableIterator<Map<String, String>> rows = table.openRows()) {
            KeboolaException e = assertThrows(KeboolaException.class, () -> {
                while (rows.hasNext()) {
                    rows.next();
                }
            });
            assertTrue(e.getMessage().contains("Row 251") && e.getMessage().contains(TABLE), e.getMessage());
        }
    }

    private long sliceGets() {
        return proxy.requests().stream().filter(r -> r.path().contains("_part_")).count();
    }

    /** The Storage API calls an export makes, answered as the real API answers them. */
    private final class ScriptedApi implements StorageApi {
        final List<Map<String, Object>> exportParams = new ArrayList<>();
        final List<Long> fileIdsRead = new ArrayList<>();
        int tableReads;
        Duration waitedFor;
        JsonNode jobId = JSON.getNodeFactory().numberNode(4242);
        JsonNode isSliced;
        JsonNode results = JSON.createObjectNode().set("file", JSON.createObjectNode().put("id", 77));

        ScriptedApi() {
            ((ObjectNode) results).put("cacheHit", true);
        }

        @Override
        public JsonNode exportAsync(String tableId, Map<String, Object> params) {
            assertEquals(TABLE, tableId);
            exportParams.add(params);
            ObjectNode job = JSON.createObjectNode().set("id", jobId);
            return job.put("status", "waiting").put("operationName", "tableExport");
        }

        @Override
        public JsonNode waitForJob(JsonNode acceptedJob, Duration timeout) {
            waitedFor = timeout;
            ObjectNode job = acceptedJob.deepCopy();
            job.put("status", "success").set("results", results);
            return job;
        }

        @Override
        public JsonNode refreshFile(long fileId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode getFile(long fileId) {
            fileIdsRead.add(fileId);
            ObjectNode detail = s3.detail(fileId, KEY, true, proxy.endpoint());
            return isSliced == null ? detail : detail.set("isSliced", isSliced);
        }

        @Override
        public JsonNode getTable(String tableId) {
            tableReads++;
            ObjectNode table = JSON.createObjectNode().put("id", tableId);
            table.putArray("columns").add("id").add("name").add("payload");
            return table;
        }

        @Override
        public JsonNode verifyToken() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JsonNode> findTable(String tableId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode listTables(String bucketIdOrNull) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode ensureBucket(String bucketId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode setTableMetadata(String tableId, Map<String, Object> body) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode prepareFile(String name, boolean sliced, Map<String, Object> extraParams) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode createTableAsync(String bucketId, Map<String, Object> params, String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode importAsync(String tableId, Map<String, Object> params, String runId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode listJobs(int limit, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<JsonNode> findJobByRunId(String runId, java.time.Instant sentAt) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode deleteTable(String tableId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public JsonNode getJob(long jobId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public InputStream previewTable(String tableId, Map<String, Object> params) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
