package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.texts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --data-dir}: buckets, tables, rows and files survive a restart of the standalone jar. */
class RestartProbeIT {

    @Test
    void dataSurvivesRestart() throws Exception {
        Path dir = Files.createTempDirectory("keboola-probe-restart");
        String table;
        String fileId;
        try (ProbeEmulator first = ProbeEmulator.start("aws", dir, "restart-token")) {
            ProbeHttp http = new ProbeHttp(first.baseUrl(), first.token());
            ProbeSupport kbc = new ProbeSupport(http);
            table = kbc.createTable(kbc.bucket("restart"), "t", "id,v\n1,a\n2,b\n", "id");
            fileId = kbc.export(table, Map.of()).path("results").path("file").path("id").asText();
        }
        try (ProbeEmulator second = ProbeEmulator.start("aws", dir, "restart-token")) {
            ProbeHttp http = new ProbeHttp(second.baseUrl(), second.token());
            ProbeSupport kbc = new ProbeSupport(http);
            JsonNode detail = http.get("/v2/storage/tables/" + table).json();
            assertEquals(List.of("id", "v"), texts(detail.path("columns")), detail::toString);
            assertEquals(List.of("id"), texts(detail.path("primaryKey")), detail::toString);
            assertEquals(List.of("1|a", "2|b"), kbc.previewRows(table, ""));
            JsonNode file = kbc.fileDetail(ProbeHttp.JSON.getNodeFactory().textNode(fileId));
            assertTrue(file.path("isSliced").asBoolean(), file::toString);
            assertEquals(2, ProbeSupport.csv(new String(ProbeStorage.slices(http, file, ProbeStorage.manifest(http, file)).stream()
                    .map(ProbeStorage::text).reduce("", String::concat).getBytes())).size());
            JsonNode upsert = kbc.importJob(table, "id,v\n2,changed\n3,c\n", true);
            assertEquals("success", upsert.path("status").asText(), upsert::toString);
            assertEquals(List.of("1|a", "2|changed", "3|c"), kbc.previewRows(table, ""));
            ProbeHttp.Response again = http.postJson("/v2/storage/buckets", Map.of("name", "restart"));
            assertEquals(400, again.status(), "the bucket is still there: " + again);
        }
    }
}
