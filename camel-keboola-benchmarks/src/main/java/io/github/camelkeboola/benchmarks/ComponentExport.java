package io.github.camelkeboola.benchmarks;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.InputStream;
import java.io.OutputStream;

/** The export through the component: a route's {@code keboola:} producer answers the table as a CSV stream. */
final class ComponentExport implements Scenario {

    @Override
    public Moved run(Stack stack, long bytes) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    // The stream is open until the exchange completes: the route reads it (here: counts it) on the way.
                    from("direct:export").to("keboola:" + BUCKET + "." + ComponentImport.TABLE
                            + "?operation=exportTable&outputType=stream&" + Stacks.endpointOptions(stack))
                            .process(e -> {
                                try (InputStream csv = e.getMessage().getMandatoryBody(InputStream.class)) {
                                    e.getMessage().setBody(csv.transferTo(OutputStream.nullOutputStream()));
                                }
                            });
                }
            });
            camel.start();
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                Exchange exchange = template.request("direct:export", e -> { });
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                Long jobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
                return new Moved(exchange.getMessage().getMandatoryBody(Long.class), jobId == null ? 0 : jobId);
            }
        }
    }
}
