package org.sparknn.driver.report;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.sparknn.driver.predict.SavedModels;
import org.sparknn.driver.run.AtomicFiles;
import org.sparknn.io.ModelFileException;

/**
 * Writes a training run's report into its output directory, from what the run wrote there: {@code report.html}
 * and the charts it embeds as {@code charts/NAME.png}, each file atomically. Needs {@code metrics.jsonl}; the model
 * file ({@code model/model.snn}) adds the model table, configuration and provenance, and the report says so when
 * it is missing. Works on any Hadoop path, and without Spark.
 */
public final class RunReport {
  public static final String FILE_NAME = "report.html";
  public static final String CHART_DIR = "charts";

  private RunReport() {}

  /** Writes the report of the run in {@code runDir}; returns the path of report.html. */
  public static String write(Configuration conf, String runDir) throws IOException {
    String dir = runDir.replaceAll("(?<=.)/+$", "");
    AtomicFiles files = new AtomicFiles(conf);
    RunMetrics metrics = RunMetrics.read(files, dir + "/metrics.jsonl");
    SavedModels.Loaded model = null;
    String note = null;
    try {
      model = SavedModels.load(conf, dir);
    } catch (FileNotFoundException e) {
      note = "No model file yet: " + e.getMessage();
    } catch (ModelFileException e) {
      note = "The model file cannot be read: " + e.getMessage();
    }
    List<ReportPage.Image> images = new ArrayList<>();
    for (ReportCharts.Named chart : ReportCharts.of(metrics.epochs())) {
      byte[] png = chart.png();
      files.write(dir + "/" + CHART_DIR + "/" + chart.name() + ".png", out -> out.write(png));
      images.add(new ReportPage.Image(chart.name(), chart.caption(), png, chart.chart().getWidth(),
          chart.chart().getHeight()));
    }
    String html = ReportPage.render(new ReportPage.Content(dir, metrics, images, model, note, Instant.now()));
    String path = dir + "/" + FILE_NAME;
    files.write(path, out -> out.write(html.getBytes(StandardCharsets.UTF_8)));
    return path;
  }
}
