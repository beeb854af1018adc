package io.github.camelkeboola.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import javax.imageio.ImageIO;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The PNG of a run (XChart, headless): time and peak heap against CSV size, one line per contender. */
final class Chart {

    private Chart() {
    }

    static void write(JsonNode all, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        BufferedImage time = BitmapEncoder.getBufferedImage(chart(all, "Time (whole, s)", "s", r -> r.path("seconds").asDouble()));
        BufferedImage heap = BitmapEncoder.getBufferedImage(chart(all, "Peak heap (MB, -Xmx" + all.path("machine").path("xmx").asText() + ")",
                "MB", r -> Report.mb(r.path("heapPeakBytes").asLong())));
        BufferedImage both = new BufferedImage(time.getWidth() + heap.getWidth(), Math.max(time.getHeight(), heap.getHeight()),
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = both.createGraphics();
        g.drawImage(time, 0, 0, null);
        g.drawImage(heap, time.getWidth(), 0, null);
        g.dispose();
        if (png.getParent() != null) {
            Files.createDirectories(png.getParent());
        }
        ImageIO.write(both, "png", png.toFile());
    }

    private static XYChart chart(JsonNode all, String title, String unit, ToDoubleFunction<JsonNode> value) {
        XYChart chart = new XYChartBuilder().width(800).height(560).title(title).xAxisTitle("CSV MB").yAxisTitle(unit).build();
        chart.getStyler().setXAxisDecimalPattern("#");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(7);
        Map<String, List<double[]>> series = new LinkedHashMap<>();
        all.path("sizes").fields().forEachRemaining(size -> size.getValue().fields().forEachRemaining(e ->
                series.computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(new double[] {Report.mb(e.getValue().path("csvBytes").asLong()), value.applyAsDouble(e.getValue())})));
        series.forEach((name, points) -> chart.addSeries(name,
                points.stream().mapToDouble(p -> p[0]).toArray(), points.stream().mapToDouble(p -> p[1]).toArray()));
        return chart;
    }
}
