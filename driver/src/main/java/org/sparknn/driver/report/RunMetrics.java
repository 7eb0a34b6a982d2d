package org.sparknn.driver.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.sparknn.driver.data.DataFileException;
import org.sparknn.driver.run.AtomicFiles;

/**
 * A run's metrics.jsonl read back: its epochs in order and its test result. An epoch recorded twice (a run resumed
 * from a checkpoint older than its last metrics line) counts once, as last recorded; so does the test result.
 * Events other than {@code epoch} and {@code test} are skipped, so that later kinds of line do not break reports.
 * A line that is not what the training run writes is a {@link DataFileException} naming the file and line.
 */
public record RunMetrics(String path, List<EpochRecord> epochs, TestRecord test) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public RunMetrics {
    epochs = List.copyOf(epochs);
  }

  public static RunMetrics read(AtomicFiles files, String path) throws IOException {
    if (!files.exists(path)) {
      throw new FileNotFoundException(path + ": no such file (is this a training run's output directory?)");
    }
    TreeMap<Integer, EpochRecord> epochs = new TreeMap<>();
    TestRecord test = null;
    List<String> lines = files.read(path, in -> new BufferedReader(
        new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList());
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) continue;
      Line line = new Line(path, i + 1, lines.get(i));
      switch (line.event()) {
        case "epoch" -> {
          EpochRecord e = line.epoch();
          epochs.put(e.epoch(), e);
        }
        case "test" -> test = line.test();
        default -> { }
      }
    }
    if (epochs.isEmpty()) throw new DataFileException(path, 0, "no epoch lines: nothing to report yet");
    return new RunMetrics(path, new ArrayList<>(epochs.values()), test);
  }

  /** One line being read: every failure names the file and the line. */
  private static final class Line {
    private final String path;
    private final int number;
    private final JsonNode node;

    Line(String path, int number, String text) throws DataFileException {
      this.path = path;
      this.number = number;
      JsonNode parsed;
      try {
        parsed = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw fail("not JSON (" + e.getOriginalMessage() + ")");
      }
      if (parsed == null || !parsed.isObject()) throw fail("expected a JSON object, found " + abbreviate(text));
      this.node = parsed;
    }

    String event() throws DataFileException {
      JsonNode e = node.get("event");
      if (e == null || !e.isTextual()) throw fail("no \"event\" name");
      return e.asText();
    }

    EpochRecord epoch() throws DataFileException {
      JsonNode n = node.get("epoch");
      if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
        throw fail("epoch event without a positive whole \"epoch\" number");
      }
      return new EpochRecord(n.asInt(), required("train_loss"), optional("train_accuracy"), optional("val_loss"),
          optional("val_accuracy"), optional("samples_per_second"), optional("seconds"),
          node.path("rounds").asLong(0), optional("compute_seconds"), optional("spark_seconds"),
          optional("update_seconds"));
    }

    TestRecord test() throws DataFileException {
      double loss = required("test_loss");
      double accuracy = optional("test_accuracy");
      long samples = node.path("test_samples").asLong(-1);
      JsonNode m = node.get("confusion_matrix");
      if (m == null || m.isNull()) return new TestRecord(loss, accuracy, samples, null);
      if (!m.isArray() || m.isEmpty()) throw fail("confusion_matrix is not a list of rows");
      int classes = m.size();
      long[][] rows = new long[classes][classes];
      for (int t = 0; t < classes; t++) {
        JsonNode row = m.get(t);
        if (!row.isArray() || row.size() != classes) {
          throw fail("confusion_matrix row " + t + " does not have " + classes + " counts");
        }
        for (int p = 0; p < classes; p++) {
          JsonNode v = row.get(p);
          if (!v.isIntegralNumber() || v.asLong() < 0) {
            throw fail("confusion_matrix row " + t + " holds " + v + ", not a count");
          }
          rows[t][p] = v.asLong();
        }
      }
      return new TestRecord(loss, accuracy, samples, rows);
    }

    private double required(String key) throws DataFileException {
      if (!node.hasNonNull(key)) throw fail(node.path("event").asText() + " event without \"" + key + "\"");
      return optional(key);
    }

    /** A number, NaN when absent or null; Jackson writes NaN and infinities as strings. */
    private double optional(String key) throws DataFileException {
      JsonNode v = node.get(key);
      if (v == null || v.isNull()) return Double.NaN;
      if (v.isNumber()) return v.asDouble();
      if (v.isTextual()) {
        switch (v.asText()) {
          case "NaN": return Double.NaN;
          case "Infinity": return Double.POSITIVE_INFINITY;
          case "-Infinity": return Double.NEGATIVE_INFINITY;
          default: break;
        }
      }
      throw fail("\"" + key + "\" is " + abbreviate(v.toString()) + ", not a number");
    }

    private DataFileException fail(String problem) {
      return new DataFileException(path, number, problem);
    }

    private static String abbreviate(String s) {
      return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
  }
}
