package io.github.camelkeboola.component.transfer;

import io.github.camelkeboola.component.export.CloseableIterator;
import io.github.camelkeboola.component.export.ExportRequest;
import io.github.camelkeboola.component.export.ExportedTable;
import io.github.camelkeboola.component.export.TableExport;
import com.fasterxml.jackson.databind.JsonNode;
import io.github.camelkeboola.component.KeboolaConfiguration;
import io.github.camelkeboola.component.api.HttpStorageApi;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Upload, import, export and download end to end against the emulator, in each file storage flavour it serves,
 * with the component's own Storage API client.
 */
class EmulatorTransferTest {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(2);

    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void importedTableComesBackAsSlicedCsvWithHeaderInOrder(String provider) {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).sliceRows(700).start();
             HttpStorageApi api = new HttpStorageApi(config(emulator));
             FileTransfer transfer = FileTransfer.create(transferConfig(emulator, 256 * 1024))) {
            String rows = TestData.randomRows(3_000, 120, 7);
            importTable(api, transfer, "orders", "\"id\",\"blob\"\n" + rows);

            ExportedTable table = new TableExport(api, transfer).run("in.c-main.orders", ExportRequest.all(), null, JOB_TIMEOUT);
            String csv = TestData.read(table.openCsv());

            assertTrue(table.file().path("isSliced").asBoolean(), "exports are sliced");
            assertEquals(List.of("id", "blob"), table.columns());
            assertTrue(csv.startsWith("\"id\",\"blob\"\n"), csv.substring(0, 40));
            assertEquals(sortedLines(rows), sortedLines(csv.substring("\"id\",\"blob\"\n".length())));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void sliceCutByTheStorageResumesWithoutLostOrRepeatedRows(String provider) {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).sliceRows(1_000).start();
             HttpStorageApi api = new HttpStorageApi(config(emulator));
             FileTransfer transfer = FileTransfer.create(transferConfig(emulator, 256 * 1024))) {
            String rows = TestData.rows(1, 4_000, 8);
            importTable(api, transfer, "events", "\"id\",\"name\",\"payload\"\n" + rows);
            FaultInjector.Rule cut = emulator.faults().inject(FaultTarget.FILE_STORAGE, "GET", "0001_part_00$", Fault.cutBody(3_000), 1);

            ExportedTable table = new TableExport(api, transfer).run("in.c-main.events", ExportRequest.all(), null, JOB_TIMEOUT);
            List<String> ids = new ArrayList<>();
            try (CloseableIterator<Map<String, String>> it = table.openRows()) {
                it.forEachRemaining(row -> ids.add(row.get("id")));
            }

            assertEquals(1, cut.hits(), "the slice was cut once");
            assertEquals(4_000, ids.size());
            assertEquals(4_000, ids.stream().distinct().count(), "no row twice");
        }
    }

    @Test
    void storageEndpointOverrideIsUsedAndTheTokenNeverReachesTheStorage() throws Exception {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").sliceRows(500).start();
             HttpStorageApi api = new HttpStorageApi(config(emulator))) {
            JsonNode probe = api.prepareFile("probe.csv", false, Map.of());
            try (StorageProxy proxy = new StorageProxy(Urls.origin(probe.path("url").asText()))) {
                KeboolaConfiguration cfg = transferConfig(emulator, S3Store.MIN_PART_SIZE);
                cfg.setFileStorageEndpoint(proxy.endpoint());
                try (FileTransfer transfer = FileTransfer.create(cfg)) {
                    String rows = TestData.rows(1, 1_500, 9);
                    importTable(api, transfer, "people", "\"id\",\"name\",\"payload\"\n" + rows);
                    String csv = TestData.read(new TableExport(api, transfer).run("in.c-main.people", ExportRequest.all(), null, JOB_TIMEOUT).openCsv());

                    assertEquals(sortedLines(rows), sortedLines(csv.substring(csv.indexOf('\n') + 1)));
                    List<StorageProxy.Recorded> requests = proxy.requests();
                    assertTrue(requests.stream().anyMatch(r -> r.method().equals("PUT")), "upload went through the override");
                    assertTrue(requests.stream().filter(r -> r.path().contains("_part_")).count() >= 3, "slices went through the override");
                    for (StorageProxy.Recorded request : requests) {
                        assertFalse(request.rawHead().contains(emulator.token()), "token sent to storage: " + request.rawHead());
                    }
                }
            }
        }
    }

    private static void importTable(HttpStorageApi api, FileTransfer transfer, String name, String csv) {
        api.ensureBucket("in.c-main");
        JsonNode prepared = api.prepareFile(name + ".csv.gz", false, Map.of());
        transfer.uploadGzipped(prepared, TestData.stream(csv));
        api.waitForJob(api.createTableAsync("in.c-main", Map.of("name", name, "dataFileId", prepared.path("id").asLong())), JOB_TIMEOUT);
    }

    private static List<String> sortedLines(String text) {
        return Arrays.stream(text.split("\n")).filter(l -> !l.isEmpty()).sorted().collect(Collectors.toList());
    }

    private static KeboolaConfiguration config(KeboolaEmulator emulator) {
        KeboolaConfiguration cfg = new KeboolaConfiguration();
        cfg.setStackUrl(emulator.baseUrl());
        cfg.setToken(emulator.token());
        cfg.setRetryInitialDelay(10);
        return cfg;
    }

    private static KeboolaConfiguration transferConfig(KeboolaEmulator emulator, int partSize) {
        KeboolaConfiguration cfg = S3FileTransferTest.config(partSize, 2);
        cfg.setToken(emulator.token());
        return cfg;
    }
}
