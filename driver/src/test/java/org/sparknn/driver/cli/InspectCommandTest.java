package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.io.ModelFile;
import org.sparknn.io.Provenance;
import org.sparknn.io.SavedModel;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;

/** {@code sparknn inspect} on a run directory written here: summary, provenance and the recorded results. */
class InspectCommandTest {
  @TempDir
  Path dir;

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code = cli.execute(args);
    return new Result(code, out.toString(), err.toString());
  }

  private Path writeRun() throws Exception {
    ModelSpec spec = new ModelSpec(Shape.vector(784), List.of(new LayerSpec.Dense(128),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Dense(64),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Dense(10)), LossKind.SOFTMAX_CROSS_ENTROPY);
    ParamLayout layout = ParamLayout.of(spec);
    Provenance provenance = new Provenance("model {\n  input = [784]\n}\ntraining.seed = 1234\n", 1234L, "9.9.9",
        "17.0.1", "cpu", "cpu (test)", Map.of("git_commit", "abc123"));
    SavedModel model = new SavedModel(spec,
        new ModelState(new float[layout.paramSize()], new float[layout.bufferSize()]), provenance);
    Path run = dir.resolve("run");
    Files.createDirectories(run.resolve("model"));
    ModelFile.save(model, run.resolve("model/model.snn"));
    Files.writeString(run.resolve("metrics.jsonl"), String.join("\n",
        "{\"event\":\"epoch\",\"epoch\":1,\"train_loss\":0.9,\"train_accuracy\":0.7,\"val_loss\":0.8,\"val_accuracy\":0.71}",
        "{\"event\":\"epoch\",\"epoch\":2,\"train_loss\":0.5,\"train_accuracy\":0.8,\"val_loss\":0.45,\"val_accuracy\":0.83}",
        "{\"event\":\"test\",\"test_loss\":0.4321,\"test_accuracy\":0.8765,\"test_samples\":500}") + "\n");
    return run;
  }

  @Test
  void printsSummaryProvenanceAndMetricsForARunDirectory() throws Exception {
    Path run = writeRun();
    for (String location : List.of(run.toString(), run.resolve("model/model.snn").toString())) {
      Result r = run("inspect", location);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().contains("total trainable parameters: 109,386"), r.out());
      assertTrue(r.out().contains("seed: 1234"), r.out());
      assertTrue(r.out().contains("git_commit: abc123"), r.out());
      assertTrue(r.out().contains("    training.seed = 1234"), r.out());
      assertTrue(r.out().contains("last epoch 2:"), r.out());
      assertTrue(r.out().contains("val accuracy 0.8300"), r.out());
      assertTrue(r.out().contains("test: loss 0.4321, accuracy 0.8765"), r.out());
    }
  }

  @Test
  void withoutMetricsPrintsOnlyTheModel() throws Exception {
    Path run = writeRun();
    Files.delete(run.resolve("metrics.jsonl"));
    Result r = run("inspect", run.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("total trainable parameters: 109,386"), r.out());
    assertTrue(!r.out().contains("test:"), r.out());
  }

  @Test
  void missingModelExitsOneNamingThePath() {
    Path missing = dir.resolve("no-such-run");
    Result r = run("inspect", missing.toString());
    assertEquals(1, r.code(), r.out());
    assertTrue(r.err().contains("error: ") && r.err().contains(missing.toString()), r.err());
  }
}
