package io.github.camelkeboola.examples;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.model.dataformat.JsonLibrary;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;

import java.util.Map;

/** The demo's routes: plain Java DSL over the {@code keboola:} component. */
public class DemoRoutes extends RouteBuilder {

    static final String TABLE = "in.c-camel-keboola-demo.time_zones";

    private final JsonSample jsonSample;
    private final DeliveredChanges changes;

    public DemoRoutes(JsonSample jsonSample, DeliveredChanges changes) {
        this.jsonSample = jsonSample;
        this.changes = changes;
    }

    @Override
    public void configure() {
        // a CSV body (here the bundled file) becomes a table; created on first import, with zone as primary key
        from("direct:importCsv").routeId("import-csv")
                .to("keboola:" + TABLE + "?primaryKey=zone");

        // Map rows are written as CSV on the fly; incremental=true upserts by the primary key
        from("direct:upsertRows").routeId("upsert-rows")
                .to("keboola:" + TABLE + "?incremental=true");

        from("direct:preview").routeId("preview")
                .to("keboola:" + TABLE + "?operation=previewTable&limit=5");

        // the changes consumer: one exchange per inserted or updated row; the demo starts it once the table exists.
        // Its cursor lives in #demoCursor (in memory: the demo runs once; keep it in a FileStateRepository to survive
        // restarts). Delivery is at least once (rows of the cursor's own second come again): the change key drops repeats.
        from("keboola:" + TABLE + "?outputType=rows&delay=1000&stateRepository=#demoCursor").routeId("changes")
                .autoStartup(false)
                .idempotentConsumer(header(KeboolaConstants.CHANGE_KEY),
                        MemoryIdempotentRepository.memoryIdempotentRepository(10_000))
                .process(exchange -> changes.add(exchange.getIn().getBody(Map.class)));

        from("direct:tableDetail").routeId("table-detail")
                .to("keboola:" + TABLE + "?operation=getTable");

        // the export streams as CSV with a header row; camel-csv reads it lazily into maps, camel-jackson writes JSON
        CsvDataFormat csv = new CsvDataFormat();
        csv.setUseMaps(true);
        csv.setLazyLoad(true);
        from("direct:exportAsJson").routeId("export-as-json")
                .to("keboola:" + TABLE + "?operation=exportTable")
                .unmarshal(csv)
                .split(body()).streaming()
                    .marshal().json(JsonLibrary.Jackson)
                    .convertBodyTo(String.class)
                    .process(exchange -> jsonSample.add(exchange.getIn().getBody(String.class)))
                .end();
    }
}
