package io.github.camelkeboola.benchmarks;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/** The import through the component: a route sends the generated CSV stream to a {@code keboola:} producer. */
final class ComponentImport implements Scenario {

    static final String TABLE = "component";

    @Override
    public Moved run(Stack stack, long bytes) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // Stream caching would spool the whole input to disk before the producer sees it: a streaming route turns it off.
            camel.setStreamCaching(false);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:import").to("keboola:" + BUCKET + "." + TABLE + "?operation=importTable&" + Stacks.endpointOptions(stack));
                }
            });
            camel.start();
            CsvGenerator csv = new CsvGenerator(bytes);
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                Exchange exchange = template.request("direct:import", e -> e.getIn().setBody(csv));
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                Long jobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
                return new Moved(csv.produced(), jobId == null ? 0 : jobId);
            }
        }
    }
}
