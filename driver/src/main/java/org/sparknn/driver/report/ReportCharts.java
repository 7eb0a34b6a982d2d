package org.sparknn.driver.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BitmapEncoder.BitmapFormat;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart off screen: loss and accuracy per epoch (training and, when the run held
 * out validation data, validation), and each epoch's wall time split into compute, Spark and driver update.
 * A series holds the epochs whose figure is a finite number; a chart with no such figure is left out.
 */
final class ReportCharts {
  static final Color TRAIN = new Color(0x1f77b4);
  static final Color VALIDATION = new Color(0xd62728);
  static final Color COMPUTE = new Color(0x2ca02c);
  static final Color SPARK = new Color(0xff7f0e);
  static final Color UPDATE = new Color(0x9467bd);
  /** Two curve charts side by side fit the report's column (1,056 pixels inside its padding). */
  static final int CURVE_WIDTH = 500;
  static final int CURVE_HEIGHT = 320;
  static final int TIME_WIDTH = 760;
  static final int TIME_HEIGHT = 380;

  /** A chart and the name of its PNG file. */
  record Named(String name, String caption, Chart<?, ?> chart) {
    byte[] png() throws IOException {
      return BitmapEncoder.getBitmapBytes(chart, BitmapFormat.PNG);
    }
  }

  static {
    // No display is needed (or wanted) to draw into an image, on a server or in CI.
    if (System.getProperty("java.awt.headless") == null) System.setProperty("java.awt.headless", "true");
  }

  private ReportCharts() {}

  static List<Named> of(List<EpochRecord> epochs) {
    List<Named> charts = new ArrayList<>();
    XYChart loss = curves(epochs, "Loss per epoch", "mean loss", EpochRecord::trainLoss, EpochRecord::valLoss,
        LegendPosition.InsideNE);
    if (loss != null) charts.add(new Named("loss", "Mean training and validation loss per epoch", loss));
    XYChart accuracy = curves(epochs, "Accuracy per epoch", "accuracy", EpochRecord::trainAccuracy,
        EpochRecord::valAccuracy, LegendPosition.InsideSE);
    if (accuracy != null) charts.add(new Named("accuracy", "Training and validation accuracy per epoch", accuracy));
    CategoryChart time = time(epochs);
    if (time != null) charts.add(new Named("epoch-time", "Wall time of each epoch's training rounds", time));
    return charts;
  }

  /** Training and validation curves; null when neither has a finite figure. */
  private static XYChart curves(List<EpochRecord> epochs, String title, String yTitle,
      ToDoubleFunction<EpochRecord> train, ToDoubleFunction<EpochRecord> validation, LegendPosition legend) {
    XYChart chart = new XYChartBuilder().width(CURVE_WIDTH).height(CURVE_HEIGHT).title(title).xAxisTitle("epoch")
        .yAxisTitle(yTitle).build();
    style(chart.getStyler());
    chart.getStyler().setLegendPosition(legend);
    // Epochs are whole numbers: label the whole ticks only.
    chart.getStyler().setXAxisTickLabelsFormattingFunction(
        v -> Math.abs(v - Math.rint(v)) < 1e-6 ? Long.toString(Math.round(v)) : "");
    boolean any = addSeries(chart, "training", epochs, train, TRAIN);
    any |= addSeries(chart, "validation", epochs, validation, VALIDATION);
    return any ? chart : null;
  }

  private static boolean addSeries(XYChart chart, String name, List<EpochRecord> epochs,
      ToDoubleFunction<EpochRecord> figure, Color color) {
    List<Integer> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    for (EpochRecord e : epochs) {
      double v = figure.applyAsDouble(e);
      if (Double.isFinite(v)) {
        x.add(e.epoch());
        y.add(v);
      }
    }
    if (x.isEmpty()) return false;
    chart.addSeries(name, x, y).setMarker(SeriesMarkers.CIRCLE).setMarkerColor(color).setLineColor(color);
    return true;
  }

  /** Stacked compute / Spark / update seconds per epoch; null when the file has no time split. */
  private static CategoryChart time(List<EpochRecord> epochs) {
    List<String> x = new ArrayList<>();
    List<Double> compute = new ArrayList<>();
    List<Double> spark = new ArrayList<>();
    List<Double> update = new ArrayList<>();
    for (EpochRecord e : epochs) {
      if (!Double.isFinite(e.computeSeconds()) || !Double.isFinite(e.sparkSeconds())
          || !Double.isFinite(e.updateSeconds())) {
        continue;
      }
      x.add(Integer.toString(e.epoch()));
      compute.add(e.computeSeconds());
      spark.add(e.sparkSeconds());
      update.add(e.updateSeconds());
    }
    if (x.isEmpty()) return null;
    CategoryChart chart = new CategoryChartBuilder().width(TIME_WIDTH).height(TIME_HEIGHT).title("Time per epoch")
        .xAxisTitle("epoch").yAxisTitle("seconds").build();
    style(chart.getStyler());
    chart.getStyler().setStacked(true);
    chart.getStyler().setLegendPosition(LegendPosition.OutsideS);
    chart.getStyler().setXAxisMaxLabelCount(20);
    chart.addSeries("compute", x, compute).setFillColor(COMPUTE);
    chart.addSeries("spark (scheduling, broadcast, aggregation)", x, spark).setFillColor(SPARK);
    chart.addSeries("driver update", x, update).setFillColor(UPDATE);
    return chart;
  }

  private static void style(AxesChartStyler s) {
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotGridLinesColor(new Color(0xdddddd));
    s.setPlotBorderColor(new Color(0xbbbbbb));
    s.setLegendBorderColor(new Color(0xbbbbbb));
    s.setChartTitleBoxVisible(false);
    s.setMarkerSize(7);
  }
}
