package org.sparknn.driver.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.sparknn.data.FashionMnist;
import org.sparknn.driver.data.DataFileException;
import org.sparknn.driver.run.AtomicFiles;

/** report.html and its charts from a recorded run directory (see {@link RecordedRun}), read back and checked. */
class RunReportTest {
  private static final Pattern DATA_IMAGE = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"");
  private static final Pattern CONFUSION_CELL = Pattern.compile("<td class=\"c[^\"]*\"[^>]*>(\\d+)</td>");

  @TempDir
  Path dir;

  @Test
  void reportShowsEveryEpochTheConfusionMatrixWithClassNamesAndProvenance() throws IOException {
    Path run = RecordedRun.write(dir.resolve("run"), true, true, true);
    String written = RunReport.write(new Configuration(), run.toString());
    assertEquals(run.resolve("report.html").toString(), written);
    String html = Files.readString(run.resolve("report.html"));

    // One table row per epoch, in order, with the recorded training and validation loss.
    Matcher rows = Pattern.compile("<tr class=\"epoch\"><td>(\\d+)</td><td>([0-9.]+)</td><td>[0-9.]+</td>"
        + "<td>([0-9.]+)</td>").matcher(html);
    int epoch = 0;
    while (rows.find()) {
      epoch++;
      assertEquals(epoch, Integer.parseInt(rows.group(1)));
      assertEquals(RecordedRun.trainLoss(epoch), Double.parseDouble(rows.group(2)), 1e-4);
      assertEquals(RecordedRun.valLoss(epoch), Double.parseDouble(rows.group(3)), 1e-4);
    }
    assertEquals(RecordedRun.EPOCHS, epoch, "epoch rows");

    // The confusion matrix: its cells sum to the test set, every class by name, the total shown.
    String confusion = html.substring(html.indexOf("<table class=\"confusion\">"));
    confusion = confusion.substring(0, confusion.indexOf("</table>"));
    Matcher cells = CONFUSION_CELL.matcher(confusion);
    long sum = 0;
    int count = 0;
    while (cells.find()) {
      sum += Long.parseLong(cells.group(1));
      count++;
    }
    assertEquals(100, count, "10 x 10 cells");
    assertEquals(RecordedRun.TEST_SAMPLES, sum);
    assertTrue(confusion.contains("<td class=\"sum total\">10,000</td>"), confusion);
    for (String name : FashionMnist.CLASS_NAMES) assertTrue(confusion.contains(">" + name + "<"), name);

    // Headline, model table, provenance and configuration.
    assertTrue(html.contains("<b>0.8823</b><span>test accuracy</span>"), "test accuracy card");
    assertTrue(html.contains("dense(128, relu)") || html.contains("dense"), "model table");
    assertTrue(html.contains("<tr><th>seed</th><td>42</td></tr>"), "seed");
    assertTrue(html.contains("<tr><th>master</th><td>local[2]</td></tr>"), "extras");
    assertTrue(html.contains("validation_split = 0.1"), "configuration text");
  }

  @Test
  void chartsArePngFilesEmbeddedInThePageWithNothingFetched() throws IOException {
    Path run = RecordedRun.write(dir.resolve("run"), true, true, true);
    RunReport.write(new Configuration(), run.toString());
    String html = Files.readString(run.resolve("report.html"));

    List<String> embedded = new ArrayList<>();
    Matcher m = DATA_IMAGE.matcher(html);
    while (m.find()) embedded.add(m.group(1));
    List<String> names = List.of("loss", "accuracy", "epoch-time");
    assertEquals(names.size(), embedded.size(), "embedded charts");
    for (int i = 0; i < names.size(); i++) {
      byte[] file = Files.readAllBytes(run.resolve("charts/" + names.get(i) + ".png"));
      assertArrayEquals(file, Base64.getDecoder().decode(embedded.get(i)), names.get(i) + " embedded as written");
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(file));
      assertNotNull(image, names.get(i) + " is a PNG");
      boolean time = names.get(i).equals("epoch-time");
      assertEquals(time ? ReportCharts.TIME_WIDTH : ReportCharts.CURVE_WIDTH, image.getWidth());
      assertEquals(time ? ReportCharts.TIME_HEIGHT : ReportCharts.CURVE_HEIGHT, image.getHeight());
    }
    BufferedImage loss = ImageIO.read(run.resolve("charts/loss.png").toFile());
    assertTrue(pixels(loss, ReportCharts.TRAIN) > 100, "training curve drawn");
    assertTrue(pixels(loss, ReportCharts.VALIDATION) > 100, "validation curve drawn");

    // Self-contained: every source is inline data, no link leaves the page, and the policy forbids fetching.
    assertFalse(Pattern.compile("(src|href)=\"(?!data:)").matcher(html).find(), "external reference");
    assertFalse(html.contains("http://") || html.contains("https://"), "a URL in the page");
    assertFalse(html.contains("<script"), "script");
    assertTrue(html.contains("content=\"default-src 'none'; img-src data:;"), "Content-Security-Policy");
  }

  @Test
  void curvesHaveAPointForEveryEpoch() throws IOException {
    Path run = RecordedRun.write(dir.resolve("run"), true, false, false);
    RunMetrics metrics = RunMetrics.read(new AtomicFiles(new Configuration()), run + "/metrics.jsonl");
    List<ReportCharts.Named> charts = ReportCharts.of(metrics.epochs());
    assertEquals(List.of("loss", "accuracy", "epoch-time"), charts.stream().map(ReportCharts.Named::name).toList());
    XYChart loss = (XYChart) charts.get(0).chart();
    double[] epochs = {1, 2, 3, 4, 5, 6};
    for (String series : List.of("training", "validation")) {
      XYSeries s = loss.getSeries(series);
      assertNotNull(s, series);
      assertArrayEquals(epochs, s.getXData(), series + " epochs");
      for (int e = 1; e <= RecordedRun.EPOCHS; e++) {
        double expected = series.equals("training") ? RecordedRun.trainLoss(e) : RecordedRun.valLoss(e);
        assertEquals(expected, s.getYData()[e - 1], 1e-12, series + " epoch " + e);
      }
    }
  }

  @Test
  void withoutValidationTestOrModelTheReportSaysWhatIsMissing() throws IOException {
    Path run = RecordedRun.write(dir.resolve("bare"), false, false, false);
    RunReport.write(new Configuration(), run.toString());
    String html = Files.readString(run.resolve("report.html"));
    assertTrue(html.contains("No test result in"), "test note");
    assertTrue(html.contains("No model file yet"), "model note");
    RunMetrics metrics = RunMetrics.read(new AtomicFiles(new Configuration()), run + "/metrics.jsonl");
    XYChart loss = (XYChart) ReportCharts.of(metrics.epochs()).get(0).chart();
    assertEquals(List.of("training"), loss.getSeriesCollection().stream().map(XYSeries::getName).toList(),
        "no validation series");
  }

  @Test
  void aRegressionRunHasNoAccuracyChart() throws IOException {
    Path run = dir.resolve("regression");
    Files.createDirectories(run);
    // As MetricsLog writes a NaN accuracy (Jackson quotes it), from a run without validation.
    Files.writeString(run.resolve("metrics.jsonl"), """
        {"event":"epoch","epoch":1,"train_loss":0.9,"train_accuracy":"NaN","val_loss":null,"val_accuracy":null}
        {"event":"epoch","epoch":2,"train_loss":0.5,"train_accuracy":"NaN","val_loss":null,"val_accuracy":null}
        {"event":"test","test_loss":0.6,"test_accuracy":"NaN","test_samples":50}
        """);
    RunReport.write(new Configuration(), run.toString());
    RunMetrics metrics = RunMetrics.read(new AtomicFiles(new Configuration()), run + "/metrics.jsonl");
    assertEquals(List.of("loss"), ReportCharts.of(metrics.epochs()).stream().map(ReportCharts.Named::name).toList());
    String html = Files.readString(run.resolve("report.html"));
    assertFalse(html.contains("<table class=\"confusion\">"), "no confusion matrix without one recorded");
    assertTrue(html.contains("loss 0.6000, accuracy &ndash; on 50 samples."), "test line");
  }

  @Test
  void unknownDataSetsNameClassesByNumber() {
    assertEquals(List.of("0", "1", "2"), ClassNames.of(RecordedRun.CONFIG, 3));
    assertEquals(FashionMnist.CLASS_NAMES, ClassNames.of(RecordedRun.CONFIG, 10));
    assertEquals("9", ClassNames.of("data { train = \"/data/digits/train\" }", 10).get(9));
  }

  @Test
  void anEpochRecordedTwiceAfterAResumeCountsOnce() throws IOException {
    Path run = RecordedRun.write(dir.resolve("run"), true, true, false);
    List<String> lines = new ArrayList<>(Files.readAllLines(run.resolve("metrics.jsonl")));
    lines.add(2, lines.get(1).replace("\"train_loss\":", "\"train_loss\":9.0,\"old_loss\":"));
    lines.add(3, lines.get(1));
    Files.write(run.resolve("metrics.jsonl"), lines);
    RunMetrics metrics = RunMetrics.read(new AtomicFiles(new Configuration()), run + "/metrics.jsonl");
    assertEquals(List.of(1, 2, 3, 4, 5, 6), metrics.epochs().stream().map(EpochRecord::epoch).toList());
    assertEquals(RecordedRun.trainLoss(2), metrics.epochs().get(1).trainLoss(), 1e-12, "the last record wins");
  }

  @Test
  void aBadOrMissingMetricsFileIsNamedWithItsLine() throws IOException {
    Path run = RecordedRun.write(dir.resolve("run"), true, true, false);
    Path file = run.resolve("metrics.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    Configuration conf = new Configuration();

    lines.set(2, "{\"event\":\"epoch\",\"epoch\":3,\"train_lo");
    Files.write(file, lines);
    IOException e = assertThrows(DataFileException.class, () -> RunReport.write(conf, run.toString()));
    assertTrue(e.getMessage().startsWith(file + ":3: not JSON"), e.getMessage());

    lines.set(2, "{\"event\":\"epoch\",\"epoch\":3,\"val_loss\":0.5}");
    Files.write(file, lines);
    e = assertThrows(DataFileException.class, () -> RunReport.write(conf, run.toString()));
    assertEquals(file + ":3: epoch event without \"train_loss\"", e.getMessage());

    lines.set(2, "{\"event\":\"epoch\",\"epoch\":3,\"train_loss\":\"low\"}");
    Files.write(file, lines);
    e = assertThrows(DataFileException.class, () -> RunReport.write(conf, run.toString()));
    assertEquals(file + ":3: \"train_loss\" is \"low\", not a number", e.getMessage());

    Files.write(file, List.of(lines.get(0), "[1, 2]"));
    e = assertThrows(DataFileException.class, () -> RunReport.write(conf, run.toString()));
    assertTrue(e.getMessage().startsWith(file + ":2: expected a JSON object"), e.getMessage());

    Files.delete(file);
    e = assertThrows(FileNotFoundException.class, () -> RunReport.write(conf, run.toString()));
    assertTrue(e.getMessage().startsWith(file + ": no such file"), e.getMessage());
    assertFalse(Files.exists(run.resolve("report.html")), "no report from a bad file");
  }

  /** Pixels within a small distance of {@code color}. */
  static int pixels(BufferedImage image, Color color) {
    int n = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        Color c = new Color(image.getRGB(x, y));
        if (Math.abs(c.getRed() - color.getRed()) + Math.abs(c.getGreen() - color.getGreen())
            + Math.abs(c.getBlue() - color.getBlue()) < 30) {
          n++;
        }
      }
    }
    return n;
  }
}
