package org.sparknn.driver.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The table {@code scripts/bench.sh} prints: one row per benchmark run, read from the run's metrics.jsonl.
 * Timed, as in ../shared/bench: each epoch's training rounds (forward, backward, exchange, update) over data
 * already loaded and cached; not timed: JVM and Spark start-up, data loading, validation and test evaluation.
 * samples/s = samples trained over all epochs / the sum of epoch seconds; also the best epoch (the first epoch
 * includes JIT warm-up). Peak RSS: the run's own {@code VmHWM} (its {@code end} line, else the largest epoch figure;
 * "-" where the OS does not report it); in local mode the driver JVM is the whole run.
 *
 * <p>Usage: {@code BenchTable [--tsv] LABEL=RUN_DIR ...}, LABEL as {@code benchmark,mode,partitions}. With
 * {@code --tsv}, one tab-separated line per run and no header, for scripts/bench-compare.sh: benchmark, mode,
 * partitions, epochs, samples/s, best epoch samples/s, test accuracy (NaN if none), peak RSS bytes (-1 if none).
 */
public final class BenchTable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BenchTable() {}

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("--tsv")) {
      for (int i = 1; i < args.length; i++) {
        int eq = args[i].indexOf('=');
        Row row = read(Path.of(args[i].substring(eq + 1), "metrics.jsonl"));
        System.out.println(String.join("\t", args[i].substring(0, eq).replace(',', '\t'),
            Integer.toString(row.epochs), Double.toString(row.samples / row.seconds), Double.toString(row.best),
            Double.toString(row.testAccuracy), Long.toString(row.peakRssBytes)));
      }
      return;
    }
    System.out.printf("%-5s %-7s %5s %7s %12s %12s %9s %9s %12s%n", "bench", "sync", "parts", "epochs", "samples/s",
        "best ep/s", "s/epoch", "test_acc", "peak RSS MiB");
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String[] label = arg.substring(0, eq).split(",");
      Row row = read(Path.of(arg.substring(eq + 1), "metrics.jsonl"));
      System.out.printf("%-5s %-7s %5s %7d %,12.0f %,12.0f %9.2f %9s %12s%n", label[0], label[1], label[2], row.epochs,
          row.samples / row.seconds, row.best, row.seconds / Math.max(1, row.epochs),
          Double.isNaN(row.testAccuracy) ? "-" : String.format("%.4f", row.testAccuracy),
          row.peakRssBytes < 0 ? "-" : String.format("%,d", row.peakRssBytes >> 20));
    }
    System.out.println("timed: the training rounds of every epoch (no start-up, data loading or evaluation); peak RSS:"
        + " the run's VmHWM over the whole run");
  }

  /** {@code peakRssBytes} is -1 where the run recorded none. */
  record Row(int epochs, double samples, double seconds, double best, double testAccuracy, long peakRssBytes) {}

  static Row read(Path metrics) throws IOException {
    List<JsonNode> epochs = new ArrayList<>();
    double test = Double.NaN;
    long endRss = -1;
    long epochRss = -1;
    int n = 0;
    for (String line : Files.readAllLines(metrics)) {
      n++;
      if (line.isBlank()) continue;
      JsonNode node = JSON.readTree(line);
      String event = node.path("event").asText();
      if (event.equals("epoch")) {
        epochs.add(node);
        epochRss = Math.max(epochRss, node.path("peak_rss_bytes").asLong(-1));
      }
      if (event.equals("test")) test = node.path("test_accuracy").asDouble(Double.NaN);
      if (event.equals("end")) endRss = node.path("peak_rss_bytes").asLong(-1);
    }
    if (epochs.isEmpty()) throw new IOException(metrics + ": no epoch records in " + n + " lines");
    double samples = 0;
    double seconds = 0;
    double best = 0;
    for (JsonNode e : epochs) {
      double s = e.path("seconds").asDouble();
      double rate = e.path("samples_per_second").asDouble();
      samples += rate * s;
      seconds += s;
      best = Math.max(best, rate);
    }
    return new Row(epochs.size(), samples, seconds, best, test, endRss >= 0 ? endRss : epochRss);
  }
}
