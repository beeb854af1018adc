package io.github.camelkeboola.benchmarks;

import io.github.camelkeboola.component.KeboolaConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The import through the component: a route sends the CSV to a {@code keboola:} producer as a {@link File} (written
 * before the clock starts), an {@link java.io.InputStream} (generated as it is read) or an
 * {@code Iterator<Map>} of rows.
 */
final class ComponentImport implements Scenario {

    enum Body { FILE, STREAM, ROWS }

    private final String scenario;
    private final Body body;
    private Path file;

    ComponentImport(String scenario, Body body) {
        this.scenario = scenario;
        this.body = body;
    }

    @Override
    public void prepare(Stack stack, long bytes, Sink sink) throws Exception {
        if (body == Body.FILE) {
            file = Files.createTempFile("bench-import-", ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                new CsvGenerator(bytes, sink).transferTo(out);
            }
        }
    }

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // Stream caching would spool the whole input before the producer sees it: a streaming route turns it off.
            camel.setStreamCaching(false);
            camel.addRoutes(new RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:import").to("keboola:" + BUCKET + "." + Scenario.importTable(scenario)
                            + "?operation=importTable&" + Stacks.endpointOptions(stack));
                }
            });
            camel.start();
            Object input = switch (body) {
                case FILE -> file.toFile();
                case STREAM -> new CsvGenerator(bytes, sink);
                case ROWS -> new CsvGenerator(bytes, sink).rows();
            };
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                Exchange exchange = template.request("direct:import", e -> e.getIn().setBody(input));
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                Long jobId = exchange.getMessage().getHeader(KeboolaConstants.JOB_ID, Long.class);
                return new Moved(sink.bytes(), sink.digest(), jobId == null ? 0 : jobId);
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
