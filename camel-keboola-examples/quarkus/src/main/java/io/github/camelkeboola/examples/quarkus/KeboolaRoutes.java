package io.github.camelkeboola.examples.quarkus;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * One Keboola table, three routes: CSV files in, the table out over HTTP, and its changes as CSV files.
 * The stack and token are the component's ({@code camel.component.keboola.*}); in dev and test mode the
 * extension's dev service supplies them.
 */
public class KeboolaRoutes extends RouteBuilder {

    @Override
    public void configure() {
        // Each CSV dropped into the inbox is upserted into the table (created on first import).
        from("file:{{app.inbox}}?include=.*\\.csv&move=.done&moveFailed=.failed")
                .routeId("import-csv")
                .to("keboola:{{app.table}}?incremental=true&primaryKey={{app.primary-key}}")
                .log("Imported ${file:name} into {{app.table}} (job ${header.CamelKeboolaJobId})");

        // GET /export: the whole table as CSV with a header row, streamed from the stack's file storage.
        from("platform-http:/export?httpMethodRestrict=GET")
                .routeId("export-csv")
                .to("keboola:{{app.table}}?operation=exportTable")
                .setHeader(Exchange.CONTENT_TYPE, constant("text/csv"));

        // Rows inserted or updated since the last poll, one CSV file per batch of changes.
        from("keboola:{{app.table}}?delay={{app.changes-delay}}")
                .routeId("table-changes")
                .to("file:{{app.outbox}}?fileName=changes-${header.CamelKeboolaJobId}.csv")
                .log("Changes of {{app.table}} (export job ${header.CamelKeboolaJobId}) written to ${header.CamelFileNameProduced}");
    }
}
