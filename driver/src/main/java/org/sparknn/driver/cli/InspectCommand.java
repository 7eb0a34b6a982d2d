package org.sparknn.driver.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.sparknn.driver.predict.SavedModels;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;
import org.sparknn.spec.ModelSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sparknn inspect MODEL}: a saved model's layers, provenance and recorded results, without Spark. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
    description = {"Describes a saved model without starting Spark.",
        "Prints the layer table (output shapes, parameter counts), the provenance stored in the file (seed, "
            + "versions, backend, device, the training configuration) and, when the training run's metrics.jsonl "
            + "is beside it, the last epoch's figures and the test result."})
final class InspectCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(index = "0", paramLabel = "MODEL",
      description = "The model: a training run's output directory (reads DIR/model/model.snn), a directory holding "
          + "model.snn, or the .snn file itself (any Hadoop path).")
  String model;

  @Spec
  CommandSpec command;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = command.commandLine().getOut();
    Configuration conf = new Configuration();
    SavedModels.Loaded loaded = SavedModels.load(conf, model);
    SavedModel m = loaded.model();
    out.println("model: " + loaded.path());
    out.print(ModelSummary.render(m.spec()));

    Provenance p = m.provenance();
    out.println();
    out.println("provenance:");
    out.println("  seed: " + p.seed());
    out.println("  sparknn: " + p.sparknnVersion() + "; java: " + p.javaVersion());
    out.println("  backend: " + p.backend() + "; device: " + p.device());
    for (Map.Entry<String, String> e : p.extra().entrySet()) {
      out.println("  " + e.getKey() + ": " + e.getValue());
    }
    if (!p.configText().isBlank()) {
      out.println("  config:");
      for (String line : p.configText().strip().split("\\R")) out.println("    " + line);
    }

    Path metrics = metricsFile(conf, new Path(loaded.path()));
    if (metrics != null) printMetrics(out, conf, metrics);
    out.flush();
    return 0;
  }

  /** The run's metrics.jsonl: beside {@code model/} for a run's model file, else beside the file; null if none. */
  static Path metricsFile(Configuration conf, Path modelFile) throws IOException {
    Path dir = modelFile.getParent();
    if (dir == null) return null;
    FileSystem fs = dir.getFileSystem(conf);
    Path[] candidates = "model".equals(dir.getName()) && dir.getParent() != null
        ? new Path[] {new Path(dir.getParent(), "metrics.jsonl"), new Path(dir, "metrics.jsonl")}
        : new Path[] {new Path(dir, "metrics.jsonl")};
    for (Path candidate : candidates) {
      if (fs.isFile(candidate)) return candidate;
    }
    return null;
  }

  private static void printMetrics(PrintWriter out, Configuration conf, Path file) throws IOException {
    JsonNode lastEpoch = null;
    JsonNode test = null;
    FileSystem fs = file.getFileSystem(conf);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.isBlank()) continue;
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          continue; // a damaged line says nothing about the others
        }
        String event = node.path("event").asText();
        if ("epoch".equals(event)) lastEpoch = node;
        if ("test".equals(event)) test = node;
      }
    }
    out.println();
    out.println("metrics: " + file);
    if (lastEpoch != null) {
      StringBuilder s = new StringBuilder("  last epoch " + lastEpoch.path("epoch").asText() + ":");
      String sep = " ";
      for (Iterator<Map.Entry<String, JsonNode>> it = lastEpoch.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> f = it.next();
        if (f.getKey().equals("event") || f.getKey().equals("epoch") || !f.getValue().isNumber()) continue;
        s.append(sep).append(f.getKey().replace('_', ' ')).append(' ').append(number(f.getValue()));
        sep = ", ";
      }
      out.println(s);
    }
    if (test != null) {
      StringBuilder s = new StringBuilder("  test: loss " + number(test.path("test_loss")) + ", accuracy "
          + number(test.path("test_accuracy")));
      if (test.has("test_samples")) s.append(" (").append(test.path("test_samples").asText()).append(" samples)");
      out.println(s);
    }
    if (lastEpoch == null && test == null) out.println("  no epoch or test lines");
  }

  private static String number(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) return "-";
    if (n.isIntegralNumber()) return n.asText();
    return String.format(Locale.ROOT, "%.4f", n.asDouble());
  }
}
