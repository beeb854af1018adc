package io.github.camelkeboola.benchmarks;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The {@link HandRolledRoutes}: an export into the sink, or an import of a CSV file (written before the clock starts). */
final class HandRolled implements Scenario {

    private final boolean export;
    private Path file;

    HandRolled(boolean export) {
        this.export = export;
    }

    @Override
    public void prepare(Stack stack, long bytes, Sink sink) throws Exception {
        if (!export) {
            file = Files.createTempFile("bench-hand-rolled-", ".csv");
            try (OutputStream out = Files.newOutputStream(file)) {
                new CsvGenerator(bytes, sink).transferTo(out);
            }
        }
    }

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            // A route that streams gigabytes turns stream caching off, as for the component.
            camel.setStreamCaching(false);
            camel.addRoutes(new HandRolledRoutes(stack, sink));
            camel.start();
            try (ProducerTemplate template = camel.createProducerTemplate()) {
                Exchange exchange = template.request(export ? "direct:export" : "direct:import", e -> {
                    e.setProperty("table", export ? EXPORTED_TABLE : Scenario.importTable("hand-rolled-import"));
                    e.getIn().setBody(export ? null : file.toFile());
                });
                if (exchange.getException() != null) {
                    throw exchange.getException();
                }
                return new Moved(sink.bytes(), sink.digest(), exchange.getMessage().getBody(Long.class));
            }
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
