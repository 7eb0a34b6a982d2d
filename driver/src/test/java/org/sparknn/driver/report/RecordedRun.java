package org.sparknn.driver.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sparknn.config.JobConfig;
import org.sparknn.init.ParamInitializer;
import org.sparknn.io.ModelFile;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;

/**
 * A training run's output directory as train leaves it, written by hand: metrics.jsonl with the events and fields
 * {@link org.sparknn.driver.run.EpochReporter} and the test evaluation write (figures shaped like a Fashion-MNIST
 * MLP run: falling loss, rising accuracy, a 10,000-sample confusion matrix), and model/model.snn with provenance.
 */
final class RecordedRun {
  static final int EPOCHS = 6;
  static final int TEST_SAMPLES = 10_000;
  static final String CONFIG = """
      model { input = 784, loss = softmax_cross_entropy, layers = [
        { type = dense, units = 128, activation = relu }, { type = dense, units = 10 } ] }
      optimizer { type = adam, lr = 0.001 }
      training { epochs = 6, batch_size = 64, seed = 42 }
      data { train = "/usr/share/datasets/fashion-mnist/train", test = "/usr/share/datasets/fashion-mnist/t10k",
        validation_split = 0.1 }
      output = "runs/fashion-mnist-mlp"
      """;
  private static final ObjectMapper JSON = new ObjectMapper();

  private RecordedRun() {}

  static double trainLoss(int epoch) {
    return 0.25 + 0.6 / epoch;
  }

  static double valLoss(int epoch) {
    return 0.32 + 0.45 / epoch;
  }

  /** Writes metrics.jsonl (with validation, the time split and a test event when asked) and, if asked, the model. */
  static Path write(Path dir, boolean validation, boolean test, boolean model) throws IOException {
    Files.createDirectories(dir);
    List<String> lines = new ArrayList<>();
    for (int e = 1; e <= EPOCHS; e++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "epoch");
      m.put("epoch", e);
      m.put("train_loss", trainLoss(e));
      m.put("train_accuracy", 0.9 - 0.2 / e);
      m.put("val_loss", validation ? valLoss(e) : null);
      m.put("val_accuracy", validation ? 0.88 - 0.15 / e : null);
      m.put("samples_per_second", 2400.0 + 10 * e);
      m.put("seconds", 22.5 + e * 0.1);
      m.put("rounds", 844);
      m.put("compute_seconds", 0.6);
      m.put("spark_seconds", 21.3 + e * 0.1);
      m.put("update_seconds", 0.6);
      lines.add(JSON.writeValueAsString(m));
    }
    if (test) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("event", "test");
      m.put("test_loss", 0.3391);
      m.put("test_accuracy", 0.8823);
      m.put("test_samples", TEST_SAMPLES);
      m.put("confusion_matrix", confusion());
      lines.add(JSON.writeValueAsString(m));
    }
    Files.writeString(dir.resolve("metrics.jsonl"), String.join("\n", lines) + "\n");
    if (model) writeModel(dir.resolve("model/model.snn"));
    return dir;
  }

  /** 10 classes of 1,000 test samples: mostly right, the rest spread over the next two classes. */
  static long[][] confusion() {
    long[][] rows = new long[10][10];
    for (int t = 0; t < 10; t++) {
      long wrong = 40 + 15L * t;
      rows[t][t] = 1000 - wrong;
      rows[t][(t + 1) % 10] = wrong / 2;
      rows[t][(t + 2) % 10] = wrong - wrong / 2;
    }
    return rows;
  }

  static void writeModel(Path file) throws IOException {
    JobConfig job = JobConfig.parse(CONFIG, "test", List.of());
    Provenance provenance = new Provenance(CONFIG, 42, "test", "17", "cpu", "cpu (native OpenBLAS)",
        Map.of("spark", "4.2.0", "master", "local[2]", "sync", "step"));
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      ModelFile.write(new SavedModel(job.model(), ParamInitializer.initialize(job.model(), 42), provenance), out);
    }
  }
}
