package io.livestore.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart saved as a PNG with XChart: one group per configuration, one bar per
 * peer. A logarithmic axis when the bars span more than {@link #LOG_SPREAD}×, so that Redis and
 * a cache-resident read fit on one chart.
 */
public final class BarPlot {

    private static final double LOG_SPREAD = 30;
    /** One colour per peer, the same on every plot (others get XChart's). */
    private static final Map<String, Color> PEER_COLORS = Map.of(
            "liveStore", new Color(0x1F77B4), "bareIndexAndArena", new Color(0x9EC5E8),
            "concurrentHashMap", new Color(0xFF7F0E), "rwLockHashMap", new Color(0x2CA02C),
            "stampedLockHashMap", new Color(0x98DF8A), "chronicleMap", new Color(0x9467BD),
            "redisHash", new Color(0xD62728), "redisString", new Color(0xFF9896));
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;

    private BarPlot() {
    }

    /** Draws a workload's table into {@code file}: its configurations, a bar per peer. */
    static void draw(WorkloadTable table, Path file) throws IOException {
        final List<String> configurations = new ArrayList<>(table.byConfiguration.keySet());
        final Map<String, List<Double>> byPeer = new LinkedHashMap<>();
        for (WorkloadTable.Row row : table.rows) {
            byPeer.computeIfAbsent(row.peer(), p -> nulls(configurations.size()))
                    .set(configurations.indexOf(row.configuration()), row.result().score());
        }
        save(table.workload.title(),
                table.unit() + (table.higherIsBetter() ? " (higher is better)" : " (lower is better)"),
                configurations, byPeer, file);
    }

    /**
     * Draws a grouped bar chart into {@code file}.
     *
     * @param title the chart's title
     * @param yAxisTitle the value axis's title, with its unit
     * @param groups the groups along the category axis
     * @param bars each series (a peer) with one value per group, {@code null} where it has none
     * @param file the PNG to write ({@code .png} is added if missing)
     * @throws IOException if the file cannot be written
     */
    public static void save(String title, String yAxisTitle, List<String> groups, Map<String, List<Double>> bars,
                            Path file) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double min = Double.MAX_VALUE;
        double max = 0;
        for (List<Double> values : bars.values()) {
            for (Double v : values) {
                if (v != null) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(title).yAxisTitle(yAxisTitle).build();
        final Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        if (min > 0 && max / min > LOG_SPREAD) {
            chart.getStyler().setYAxisLogarithmic(true);
            // XChart draws a bar from the axis minimum; without one it starts at 0, which a log axis refuses.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        chart.getStyler().setXAxisLabelRotation(groups.size() > 6 ? 20 : 0);
        for (Map.Entry<String, List<Double>> series : bars.entrySet()) {
            if (series.getValue().stream().anyMatch(Objects::nonNull)) {
                final CategorySeries added = chart.addSeries(series.getKey(), groups, series.getValue());
                final Color color = PEER_COLORS.get(series.getKey());
                if (color != null) {
                    added.setFillColor(color);
                }
            }
        }
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Double> nulls(int n) {
        final List<Double> values = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            values.add(null);
        }
        return values;
    }
}
