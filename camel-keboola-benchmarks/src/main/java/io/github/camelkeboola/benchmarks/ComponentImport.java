package io.github.camelkeboola.benchmarks;

import org.apache.camel.builder.RouteBuilder;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The import through the component: a route sends the CSV to a {@code keboola:} producer as a {@link File} (written
 * before the clock starts), an {@link java.io.InputStream} (generated as it is read) or an
 * {@code Iterator<Map>} of rows. Stream caching is off ({@link CamelRun}): it would spool the whole input first.
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
        Object input = switch (body) {
            case FILE -> file.toFile();
            case STREAM -> new CsvGenerator(bytes, sink);
            case ROWS -> new CsvGenerator(bytes, sink).rows();
        };
        try {
            return CamelRun.request(new RouteBuilder() {
                @Override
                public void configure() {
                    from(CamelRun.START).to("keboola:" + BUCKET + "." + Scenario.importTable(scenario)
                            + "?operation=importTable&" + Stacks.endpointOptions(stack));
                }
            }, null, input, sink);
        } finally {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        }
    }
}
