package io.github.camelkeboola.component.measure;

import io.github.camelkeboola.component.KeboolaComponent;
import io.github.camelkeboola.emulator.junit.KeboolaEmulatorExtension;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.InputStream;
import java.util.Map;
import java.util.stream.IntStream;

/** Throwaway measurement, run by hand: -Dmeasure.rows=N with a small -Xmx. */
@EnabledIfSystemProperty(named = "measure.rows", matches = "\\d+")
class LargeTableMeasureTest extends CamelTestSupport {

    @RegisterExtension
    static final KeboolaEmulatorExtension KEBOOLA = KeboolaEmulatorExtension.provider("aws");

    @Override
    protected RouteBuilder createRouteBuilder() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                KeboolaComponent keboola = getContext().getComponent("keboola", KeboolaComponent.class);
                keboola.getConfiguration().setStackUrl(KEBOOLA.emulator().baseUrl());
                keboola.getConfiguration().setToken(KEBOOLA.emulator().token());
                from("direct:import").to("keboola:in.c-measure.big");
                from("direct:export").to("keboola:in.c-measure.big?operation=exportTable").process(e -> {
                    long bytes = 0;
                    try (InputStream in = e.getIn().getBody(InputStream.class)) {
                        byte[] buffer = new byte[65536];
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            bytes += n;
                        }
                    }
                    e.getMessage().setBody(bytes);
                });
            }
        };
    }

    @Test
    void importAndExport() {
        int rows = Integer.getInteger("measure.rows");
        Iterable<Map<String, String>> body = () -> IntStream.range(0, rows)
                .mapToObj(i -> Map.of("id", Integer.toString(i), "text", "row " + i + " lorem ipsum dolor sit amet consectetur"))
                .iterator();
        long t0 = System.nanoTime();
        Object results = template.requestBody("direct:import", body);
        long t1 = System.nanoTime();
        Object bytes = template.requestBody("direct:export", (Object) null);
        long t2 = System.nanoTime();
        Runtime rt = Runtime.getRuntime();
        System.err.printf("MEASURE rows=%d import=%.1fs export=%.1fs exportedBytes=%s maxHeap=%dMB results=%s%n", rows,
                (t1 - t0) / 1e9, (t2 - t1) / 1e9, bytes, rt.maxMemory() >> 20, results);
    }
}
