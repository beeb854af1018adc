package io.github.camelkeboola.component.it;

import io.github.camelkeboola.component.EmulatorComponents;
import io.github.camelkeboola.component.KeboolaConstants;
import io.github.camelkeboola.component.KeboolaException;
import io.github.camelkeboola.emulator.KeboolaEmulator;
import io.github.camelkeboola.emulator.fault.Fault;
import io.github.camelkeboola.emulator.fault.FaultInjector;
import io.github.camelkeboola.emulator.fault.FaultTarget;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The scale-out operations on each file storage, without a broker: the slices of an export read one by one, and a
 * sliced load from slices uploaded one by one; and what they say to bad input. The broker runs are in
 * camel-keboola-scaleout-tests.
 */
class SlicedTransferTest {

    private static final String TABLE = "in.c-sliced.items";

    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void theSlicesOfAnExportReadOneByOneAreTheTable(String provider) throws Exception {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).sliceRows(3).start();
             CamelContext camel = camelOn(emulator)) {
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBody("keboola:" + TABLE + "?primaryKey=id", rows(0, 10));

            List<Map<String, Object>> slices = template.requestBody("keboola:" + TABLE + "?operation=exportTable&outputType=slices",
                    null, List.class);

            assertThat(slices).hasSize(4);
            List<Map<String, String>> read = new ArrayList<>();
            StringBuilder csv = new StringBuilder();
            for (Map<String, Object> slice : slices) {
                // as a broker delivers it: JSON text
                String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(slice);
                Iterator<?> rows = template.requestBody("keboola:?operation=readSlice&outputType=rows", json, Iterator.class);
                rows.forEachRemaining(row -> read.add(castRow(row)));
                csv.append(template.requestBody("keboola:?operation=readSlice", slice, String.class));
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(rows(0, 10));
            assertThat(csv.toString()).startsWith("\"id\",\"name\"\n").contains("\"9\",\"item 9\"\n");
            assertThat(csv.toString().split("\n")).hasSize(4 + 10);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void slicesUploadedOneByOneLoadAsOneImport(String provider) throws Exception {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).start();
             CamelContext camel = camelOn(emulator)) {
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBody("keboola:" + TABLE + "?primaryKey=id", rows(100, 103));
            Long fileId = template.request("keboola:" + TABLE + "?operation=prepareSlicedFile", e -> { })
                    .getMessage().getHeader(KeboolaConstants.SLICED_FILE_ID, Long.class);

            String upload = "keboola:?operation=uploadSlice&columns=id,name";
            List<Object> uploaded = new ArrayList<>();
            uploaded.add(template.requestBodyAndHeader(upload, rows(0, 5), KeboolaConstants.SLICED_FILE_ID, fileId));
            uploaded.add(template.requestBodyAndHeaders(upload, "\"5\",\"item 5\"\n6,item 6\n",
                    Map.of(KeboolaConstants.SLICED_FILE_ID, fileId, KeboolaConstants.SLICE_NAME, "csv-part")));
            uploaded.add(template.requestBodyAndHeader(upload, List.of(), KeboolaConstants.SLICED_FILE_ID, fileId)); // an empty part

            assertThat(uploaded.get(1)).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("fileId", fileId).containsEntry("slice", "csv-part");
            template.requestBody("keboola:" + TABLE + "?operation=importSlicedFile&columns=id,name&incremental=true", uploaded);

            assertThat(tableRows(template)).containsExactlyInAnyOrderElementsOf(concat(rows(0, 7), rows(100, 103)));
        }
    }

    /**
     * A worker in another JVM (here: another CamelContext, so another component) uploads with the upload parameters
     * the coordinator's prepareSlicedFile wrote: Storage refreshes them only on GCS, so on AWS and Azure the worker
     * that has only the file id is refused, saying which header it needs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aws", "azure", "gcp"})
    void aWorkerElsewhereUploadsWithTheUploadHeaderOfPrepare(String provider) throws Exception {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).start();
             CamelContext coordinator = camelOn(emulator);
             CamelContext worker = camelOn(emulator)) {
            ProducerTemplate template = coordinator.createProducerTemplate();
            template.sendBody("keboola:" + TABLE + "?primaryKey=id", rows(100, 103));
            org.apache.camel.Message prepared = template.request("keboola:" + TABLE + "?operation=prepareSlicedFile", e -> { })
                    .getMessage();
            Long fileId = prepared.getHeader(KeboolaConstants.SLICED_FILE_ID, Long.class);
            String upload = prepared.getHeader(KeboolaConstants.SLICED_FILE_UPLOAD, String.class);
            assertThat(upload).contains("\"id\":" + fileId, "\"isSliced\":true");

            String uploadSlice = "keboola:?operation=uploadSlice&columns=id,name";
            ProducerTemplate elsewhere = worker.createProducerTemplate();
            Object part = elsewhere.requestBodyAndHeader(uploadSlice, rows(0, 4), KeboolaConstants.SLICED_FILE_UPLOAD, upload);
            if (provider.equals("gcp")) {
                // GCS tokens live an hour: a worker refreshes them, the file id is enough
                elsewhere.requestBodyAndHeader(uploadSlice, rows(50, 51), KeboolaConstants.SLICED_FILE_ID, fileId);
            } else {
                assertThat(failure(() -> elsewhere.requestBodyAndHeader(uploadSlice, rows(50, 51), KeboolaConstants.SLICED_FILE_ID, fileId)))
                        .hasMessageContaining("did not refresh them (it does so only for files on GCS): set the"
                                              + " CamelKeboolaSlicedFileUpload header")
                        .hasMessageContaining("code=storage.files.refreshNotSupported");
            }
            assertThat(failure(() -> elsewhere.requestBodyAndHeader(uploadSlice, rows(50, 51), KeboolaConstants.SLICED_FILE_UPLOAD,
                    "not json"))).hasMessageContaining("is not the JSON prepareSlicedFile wrote").hasMessageNotContaining("not json");
            assertThat(failure(() -> elsewhere.requestBodyAndHeaders(uploadSlice, rows(50, 51), Map.of(
                    KeboolaConstants.SLICED_FILE_UPLOAD, upload, KeboolaConstants.SLICED_FILE_ID, fileId + 1))))
                    .hasMessageContaining("header is for file " + fileId + ", not for sliced file " + (fileId + 1));

            // the coordinator imports after its split: its component kept the upload parameters for the manifest
            template.requestBody("keboola:" + TABLE + "?operation=importSlicedFile&columns=id,name", List.of(part));
            assertThat(tableRows(template)).containsExactlyInAnyOrderElementsOf(rows(0, 4));
        }
    }

    /**
     * File credentials expire (GCS tokens after an hour) while an export is read slowly: the store refuses them, the
     * file's detail is fetched again for new ones, and the download goes on. Refused again, the failure stands.
     */
    @ParameterizedTest
    @ValueSource(strings = {"aws:403", "azure:403", "gcp:401"})
    void refusedCredentialsAreRenewedFromTheFileDetailAndTheExportGoesOn(String providerAndStatus) throws Exception {
        String provider = providerAndStatus.split(":")[0];
        int status = Integer.parseInt(providerAndStatus.split(":")[1]);
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider(provider).sliceRows(3).start();
             CamelContext camel = camelOn(emulator)) {
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBody("keboola:" + TABLE + "?primaryKey=id", rows(0, 12));
            FaultInjector.Rule details = emulator.faults().inject(FaultTarget.API, "GET", "/files/[0-9]+$", Fault.delay(Duration.ZERO), 1000);
            FaultInjector.Rule refused = emulator.faults().inject(FaultTarget.FILE_STORAGE, "GET", "_part_", Fault.status(status), 1);

            assertThat(tableRows(template)).containsExactlyInAnyOrderElementsOf(rows(0, 12));
            assertThat(refused.hits()).isEqualTo(1);
            assertThat(details.hits()).as("the export's file detail, then once more for new credentials").isEqualTo(2);

            // a worker's slice, the same
            Object slice = template.requestBody("keboola:" + TABLE + "?operation=exportTable&outputType=slices", null, List.class).get(1);
            emulator.faults().inject(FaultTarget.FILE_STORAGE, "GET", "_part_", Fault.status(status), 1);
            Iterator<?> sliceRows = template.requestBody("keboola:?operation=readSlice&outputType=rows", slice, Iterator.class);
            List<Map<String, String>> read = new ArrayList<>();
            sliceRows.forEachRemaining(row -> read.add(castRow(row)));
            assertThat(read).hasSize(3);

            // refused with the new credentials too: the failure stands, with the store's status
            emulator.faults().inject(FaultTarget.FILE_STORAGE, "GET", "_part_", Fault.status(status), 1000);
            assertThat(failure(() -> tableRows(template))).isInstanceOfSatisfying(KeboolaException.class,
                    e -> assertThat(e.getHttpResponseCode()).isEqualTo(status));
        }
    }

    @Test
    void workersRideOutCutDownloadsAndFailedRequestsAsTheOtherTransfersDo() throws Exception {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").sliceRows(4).start();
             CamelContext camel = camelOn(emulator)) {
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBody("keboola:" + TABLE + "?primaryKey=id", rows(0, 8));
            List<?> slices = template.requestBody("keboola:" + TABLE + "?operation=exportTable&outputType=slices", null, List.class);

            List<FaultInjector.Rule> faults = new ArrayList<>();
            faults.add(emulator.faults().inject(FaultTarget.API, "GET", "/files/[0-9]+$", Fault.status(500), 1));
            faults.add(emulator.faults().inject(FaultTarget.FILE_STORAGE, "GET", "_part_", Fault.cutBody(10), 1));
            List<Map<String, String>> read = new ArrayList<>();
            for (Object slice : slices) {
                Iterator<?> rows = template.requestBody("keboola:?operation=readSlice&outputType=rows", slice, Iterator.class);
                rows.forEachRemaining(row -> read.add(castRow(row)));
            }
            assertThat(read).containsExactlyInAnyOrderElementsOf(rows(0, 8));

            Long fileId = template.request("keboola:" + TABLE + "?operation=prepareSlicedFile", e -> { })
                    .getMessage().getHeader(KeboolaConstants.SLICED_FILE_ID, Long.class);
            faults.add(emulator.faults().inject(FaultTarget.FILE_STORAGE, "PUT", ".", Fault.status(500), 1));
            Object part = template.requestBodyAndHeader("keboola:?operation=uploadSlice&columns=id,name", rows(20, 25),
                    KeboolaConstants.SLICED_FILE_ID, fileId);
            template.requestBody("keboola:" + TABLE + "?operation=importSlicedFile&columns=id,name", List.of(part));
            assertThat(tableRows(template)).containsExactlyInAnyOrderElementsOf(rows(20, 25));
            assertThat(faults).allSatisfy(rule -> assertThat(rule.hits()).as(rule.fault().toString()).isEqualTo(1));
        }
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() throws Exception {
        try (KeboolaEmulator emulator = KeboolaEmulator.builder().provider("aws").start();
             CamelContext camel = camelOn(emulator)) {
            ProducerTemplate template = camel.createProducerTemplate();
            template.sendBody("keboola:" + TABLE + "?primaryKey=id", rows(0, 3));
            @SuppressWarnings("unchecked")
            Map<String, Object> slice = (Map<String, Object>) template.requestBody(
                    "keboola:" + TABLE + "?operation=exportTable&outputType=slices", null, List.class).get(0);

            Map<String, Object> elsewhere = new HashMap<>(slice);
            elsewhere.put("url", "s3://kbc-sapi-files/someone-elses/file.csv");
            assertThat(failure(() -> template.requestBody("keboola:?operation=readSlice", elsewhere)))
                    .hasMessageContaining("lies outside the file");
            assertThat(failure(() -> template.requestBody("keboola:?operation=readSlice", "{\"fileId\":1}")))
                    .hasMessageContaining("Not a slice of an exported table");
            assertThat(failure(() -> template.requestBody("keboola:?operation=uploadSlice&columns=id,name", rows(0, 1))))
                    .hasMessageContaining("needs the CamelKeboolaSlicedFileUpload (or CamelKeboolaSlicedFileId) header");

            Long fileId = template.request("keboola:" + TABLE + "?operation=prepareSlicedFile", e -> { })
                    .getMessage().getHeader(KeboolaConstants.SLICED_FILE_ID, Long.class);
            Object part = template.requestBodyAndHeader("keboola:?operation=uploadSlice&columns=id,name", rows(0, 1),
                    KeboolaConstants.SLICED_FILE_ID, fileId);
            String load = "keboola:" + TABLE + "?operation=importSlicedFile&columns=id,name";
            assertThat(failure(() -> template.requestBody(load, List.of(part, part)))).hasMessageContaining("is in the body twice");
            assertThat(failure(() -> template.requestBody(load, List.of()))).hasMessageContaining("non-empty collection");
            assertThat(failure(() -> template.requestBody("keboola:in.c-sliced.missing?operation=importSlicedFile&columns=id,name",
                    List.of(part)))).hasMessageContaining("does not exist");
            assertThat(failure(() -> template.requestBody("keboola:?operation=uploadSlice&columns=id,name", "1,a,extra\n")))
                    .isInstanceOf(KeboolaException.class);
            assertThat(tableRows(template)).containsExactlyInAnyOrderElementsOf(rows(0, 3));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> castRow(Object row) {
        return (Map<String, String>) row;
    }

    private static Throwable failure(Runnable call) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(CamelExecutionException.class);
        return thrown.getCause();
    }

    private static CamelContext camelOn(KeboolaEmulator emulator) {
        CamelContext camel = new DefaultCamelContext();
        camel.addComponent("keboola", EmulatorComponents.pointedAt(emulator));
        camel.start();
        return camel;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, String>> tableRows(ProducerTemplate template) {
        List<Map<String, String>> all = new ArrayList<>();
        template.requestBody("keboola:" + TABLE + "?operation=exportTable&outputType=rows", null, Iterator.class)
                .forEachRemaining(row -> all.add(castRow(row)));
        return all;
    }

    private static List<Map<String, String>> rows(int from, int to) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (int i = from; i < to; i++) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("id", Integer.toString(i));
            row.put("name", "item " + i);
            rows.add(row);
        }
        return rows;
    }

    private static List<Map<String, String>> concat(List<Map<String, String>> a, List<Map<String, String>> b) {
        List<Map<String, String>> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
