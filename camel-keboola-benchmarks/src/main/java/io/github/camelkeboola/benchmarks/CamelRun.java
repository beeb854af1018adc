package io.github.camelkeboola.benchmarks;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

/**
 * The Camel side of a component scenario: its routes, from {@link #START}, in a context of their own with stream
 * caching off (a route that streams gigabytes must: Camel would otherwise hold or spool the whole body), camel-jms on
 * the broker when there is one, and one exchange through them. What the sink counted and the Storage job the last
 * keboola step ran are what was moved.
 */
final class CamelRun {

    static final String START = "direct:run";

    private CamelRun() {
    }

    /** Sends {@code body} to {@link #START} of {@code routes}; {@code broker} is null when the routes use none. */
    static Scenario.Moved request(RouteBuilder routes, String broker, Object body, Sink sink) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.setStreamCaching(false);
            if (broker != null) {
                camel.addComponent("jms", Broker.jms(broker));
            }
            camel.addRoutes(routes);
            camel.start();
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                Exchange exchange = template.request(START, e -> e.getIn().setBody(body));
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                Long jobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
                return new Scenario.Moved(sink.bytes(), sink.digest(), jobId == null ? 0 : jobId);
            }
        }
    }
}
