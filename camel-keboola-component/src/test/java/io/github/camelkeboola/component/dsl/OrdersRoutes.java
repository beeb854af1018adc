package io.github.camelkeboola.component.dsl;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.support.processor.state.FileStateRepository;

import java.io.File;

/**
 * The guide's example routes in the Java DSL (the tagged parts are copied into the guide by the build); the same
 * routes in YAML and XML DSL are {@code routes/orders-*.yaml} and {@code routes/orders-*.xml}.
 */
public class OrdersRoutes extends RouteBuilder {

    /** The consumer's cursor, a file that survives restarts; YAML and XML routes refer to it as {@code #ordersCursor}. */
    public static FileStateRepository ordersCursor(CamelContext context) {
        // tag::orders-cursor[]
        FileStateRepository cursor = FileStateRepository.fileStateRepository(
                new File(context.resolvePropertyPlaceholders("{{orders.cursorFile}}")));
        context.getRegistry().bind("ordersCursor", cursor);
        // end::orders-cursor[]
        return cursor;
    }

    @Override
    public void configure() {
        // tag::orders-import[]
        from("file:{{orders.inbox}}?include=.*\\.csv")
            .routeId("orders-import")
            .to("keboola:in.c-main.orders?incremental=true&primaryKey=id");
        // end::orders-import[]

        // tag::orders-export[]
        from("timer:orders-export?period=86400000")
            .routeId("orders-export")
            .to("keboola:in.c-main.orders?operation=exportTable")
            .to("file:{{orders.outbox}}?fileName=orders.csv");
        // end::orders-export[]

        // tag::orders-changes[]
        from("keboola:in.c-main.orders?outputType=rows&delay=60000&stateRepository=#ordersCursor")
            .routeId("orders-changes")
            .to("direct:erp");
        // end::orders-changes[]
    }
}
