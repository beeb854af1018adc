package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** §6 "Asynchronous imports into the same table are serialized": concurrent imports all land, none is lost. */
class ConcurrencyProbeIT extends AwsProbe {

    @Test
    void concurrentIncrementalImportsAllLand() throws Exception {
        String table = kbc.createTable(kbc.bucket(unique("conc")), "t", "id,v\n0,start\n", "id");
        List<JsonNode> files = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            StringBuilder csv = new StringBuilder("id,v\n");
            for (int r = 0; r < 50; r++) {
                csv.append(i * 1000 + r).append(",batch").append(i).append('\n');
            }
            files.add(kbc.upload(csv.toString()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<JsonNode>> jobs = new ArrayList<>();
            for (JsonNode file : files) {
                jobs.add(pool.submit(() -> http.awaitJob(http.postJson("/v2/storage/tables/" + table + "/import-async",
                        Map.of("dataFileId", file.get("id"), "incremental", true)))));
            }
            for (Future<JsonNode> job : jobs) {
                JsonNode done = job.get(120, TimeUnit.SECONDS);
                assertEquals("success", done.path("status").asText(), done::toString);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(301, http.get("/v2/storage/tables/" + table).json().path("rowsCount").asInt());
        assertEquals(301, kbc.exportRows(kbc.export(table, Map.of("gzip", true))).size());
    }
}
