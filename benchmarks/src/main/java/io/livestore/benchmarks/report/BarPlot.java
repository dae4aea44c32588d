package io.livestore.benchmarks.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A grouped bar chart, one group per configuration and one bar per peer (in the table's order), saved as a PNG with
 * XChart. A logarithmic axis when the bars span more than {@link #LOG_SPREAD}×, so that Redis and
 * a cache-resident read fit on one chart.
 */
final class BarPlot {

    private static final double LOG_SPREAD = 30;
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 560;

    private BarPlot() {
    }

    /**
     * Draws {@code table} into {@code file} (a {@code .png}).
     *
     * @throws IOException if the file cannot be written
     */
    static void draw(WorkloadTable table, Path file) throws IOException {
        final List<String> configurations = new ArrayList<>(table.byConfiguration.keySet());
        final Map<String, List<Double>> byPeer = new LinkedHashMap<>();
        for (WorkloadTable.Row row : table.rows) {
            byPeer.computeIfAbsent(row.peer(), p -> nulls(configurations.size()));
        }
        double min = Double.MAX_VALUE;
        double max = 0;
        for (WorkloadTable.Row row : table.rows) {
            byPeer.get(row.peer()).set(configurations.indexOf(row.configuration()), row.result().score());
            min = Math.min(min, row.result().score());
            max = Math.max(max, row.result().score());
        }
        final CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(table.workload.title())
                .yAxisTitle(table.unit() + (table.higherIsBetter() ? " (higher is better)" : " (lower is better)"))
                .build();
        final Styler styler = chart.getStyler();
        styler.setLegendPosition(Styler.LegendPosition.OutsideE);
        styler.setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setYAxisDecimalPattern("#,##0.##");
        if (min > 0 && max / min > LOG_SPREAD) {
            chart.getStyler().setYAxisLogarithmic(true);
            // XChart draws a bar from the axis minimum; without one it starts at 0, which a log axis refuses.
            chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(min))));
        }
        chart.getStyler().setXAxisLabelRotation(configurations.size() > 6 ? 20 : 0);
        for (Map.Entry<String, List<Double>> peer : byPeer.entrySet()) {
            chart.addSeries(peer.getKey(), configurations, peer.getValue());
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
