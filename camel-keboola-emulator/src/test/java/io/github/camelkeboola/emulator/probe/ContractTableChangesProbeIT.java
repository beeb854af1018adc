package io.github.camelkeboola.emulator.probe;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.github.camelkeboola.emulator.probe.ProbeHttp.texts;
import static io.github.camelkeboola.emulator.probe.ProbeSupport.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** §4 table changes listed by the contract: add column, primary key add / delete (sync answer or a job). */
class ContractTableChangesProbeIT extends AwsProbe {

    @Test
    void addColumn() {
        String table = kbc.createTable(kbc.bucket(unique("chg-col")), "t", "id\n1\n", null);
        finish(http.postJson("/v2/storage/tables/" + table + "/columns", Map.of("name", "added")), "tableColumnAdd");
        assertEquals(List.of("id", "added"), texts(http.get("/v2/storage/tables/" + table).json().path("columns")));
    }

    @Test
    void primaryKeyAddAndDelete() {
        String table = kbc.createTable(kbc.bucket(unique("chg-pk")), "t", "id,v\n1,a\n", null);
        finish(http.postJson("/v2/storage/tables/" + table + "/primary-key", Map.of("columns", List.of("id"))), "tablePrimaryKeyAdd");
        assertEquals(List.of("id"), texts(http.get("/v2/storage/tables/" + table).json().path("primaryKey")));
        finish(http.delete("/v2/storage/tables/" + table + "/primary-key"), "tablePrimaryKeyDelete");
        assertEquals(List.of(), texts(http.get("/v2/storage/tables/" + table).json().path("primaryKey")));
    }

    private static void finish(ProbeHttp.Response r, String operation) {
        if (r.status() == 202) {
            JsonNode job = http.awaitSuccess(r);
            assertEquals(operation, job.path("operationName").asText(), job::toString);
        } else {
            assertTrue(r.status() == 200 || r.status() == 201 || r.status() == 204, () -> operation + ": " + r);
        }
    }
}
