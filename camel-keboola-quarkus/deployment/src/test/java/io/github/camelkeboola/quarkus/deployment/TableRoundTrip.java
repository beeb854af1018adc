package io.github.camelkeboola.quarkus.deployment;

import org.apache.camel.ProducerTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports a CSV through the keboola: component as configured in the app, and exports it back. */
final class TableRoundTrip {

    private TableRoundTrip() {
    }

    static void importAndExport(ProducerTemplate producer, String tableId) throws IOException {
        producer.requestBody("keboola:" + tableId + "?primaryKey=id", "id,name\n1,alpha\n2,beta\n");
        try (InputStream export = producer.requestBody("keboola:" + tableId + "?operation=exportTable", null,
                InputStream.class)) {
            String csv = new String(export.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(csv.lines()).containsExactlyInAnyOrder("\"id\",\"name\"", "\"1\",\"alpha\"", "\"2\",\"beta\"");
        }
    }
}
