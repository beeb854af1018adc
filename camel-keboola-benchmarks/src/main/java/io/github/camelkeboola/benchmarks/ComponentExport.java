package io.github.camelkeboola.benchmarks;

import org.apache.camel.builder.RouteBuilder;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;

/**
 * The export through the component: a route's {@code keboola:} producer answers the table as a CSV stream
 * ({@code outputType=stream}, drained into the sink) or as rows ({@code outputType=rows}, iterated; each row's CSV
 * line goes to the sink, which is how its bytes are counted).
 */
final class ComponentExport implements Scenario {

    private final boolean rows;

    ComponentExport(boolean rows) {
        this.rows = rows;
    }

    @Override
    public Moved run(Stack stack, long bytes, Sink sink) throws Exception {
        return CamelRun.request(new RouteBuilder() {
            @Override
            public void configure() {
                // The body is open until the exchange completes: the route reads it on the way.
                from(CamelRun.START).to("keboola:" + EXPORTED_TABLE + "?operation=exportTable&outputType="
                        + (rows ? "rows" : "stream") + "&" + Stacks.endpointOptions(stack))
                        .process(e -> {
                            if (rows) {
                                drainRows(e.getMessage().getMandatoryBody(Iterator.class), sink);
                            } else {
                                sink.drain(e.getMessage().getMandatoryBody(InputStream.class));
                            }
                        });
            }
        }, null, null, sink);
    }

    @SuppressWarnings("unchecked")
    private static void drainRows(Iterator<?> rows, Sink sink) {
        boolean header = true;
        while (rows.hasNext()) {
            Map<String, String> row = (Map<String, String>) rows.next();
            if (header) {
                sink.write(CsvGenerator.line(row.keySet()));
                header = false;
            }
            sink.write(CsvGenerator.line(row.values()));
        }
        if (rows instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
