package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.driver.cli.CliEndToEndTest.Result;
import org.sparknn.io.Checkpoint;
import org.sparknn.io.CheckpointFile;

/**
 * The divergence guard end to end: a NaN or infinite loss or parameter stops {@code train} with exit status 3 and
 * a message naming the epoch and the step, and writes nothing for that epoch, so the newest checkpoint is the last
 * good one and loads. Plain SGD, whose steps grow with the learning rate (Adam's are bounded by it).
 *
 * <p>Why lr = 1e6 does not diverge on the softmax MLP, and what does: softmax cross-entropy's gradient with
 * respect to the logits is p - y, bounded by 1, and the loss is computed as a log-sum-exp, so a huge step makes a
 * huge but finite loss; the first such step also kills most ReLUs, whose gradients are then 0, and the weights stop
 * growing (far below float's 3.4e38). Mean squared error has no such bound: the gradient grows with the error, so on
 * a linear model each SGD step multiplies the error by about 1 - lr |x|^2, some -1e8 here, and float overflows
 * within a few steps. So lr = 1e6 diverges with {@code mean_squared_error}; with softmax cross-entropy it takes
 * lr = 1e30 (one step then overflows the parameters).
 */
class DivergenceTest {
  @TempDir
  static Path dir;
  private static Path config;

  @BeforeAll
  static void data() throws IOException {
    CliEndToEndTest.writeIdx(dir.resolve("data"), "train", 400, 1);
    config = dir.resolve("job.conf");
    Files.writeString(config, "model { input = 784, loss = softmax_cross_entropy, layers = [\n"
        + "  { type = dense, units = 32, activation = relu }\n  { type = dense, units = 10 } ] }\n"
        + "optimizer { type = sgd, lr = 0.01 }\n"
        + "training { epochs = 2, batch_size = 32, seed = 5 }\n"
        + "data { train = \"" + dir.resolve("data/train") + "\" }\n"
        + "output = \"" + dir.resolve("unused") + "\"\n");
  }

  @Test
  void divergenceAfterAGoodEpochKeepsItsCheckpoint() throws IOException {
    Path out = dir.resolve("resumed");
    Result first = train(out, "--set", "training.epochs=1");
    assertEquals(0, first.code(), first::toString);
    Path model = out.resolve("model/model.snn");
    byte[] modelBefore = Files.readAllBytes(model);
    List<String> metricsBefore = Files.readAllLines(out.resolve("metrics.jsonl"));

    // a changed learning rate is what the message advises, and resume allows it (see ResumeCheck)
    Result diverged = train(out, "--resume", "--set", "training.epochs=2", "--set", "optimizer.lr=1e30");
    assertEquals(3, diverged.code(), diverged::toString);
    String err = diverged.err();
    assertTrue(err.startsWith("error: training diverged in epoch 2, "), diverged::toString);
    assertTrue(err.contains("step"), diverged::toString);
    assertTrue(err.contains("the last good checkpoint (epoch 1) is kept"), diverged::toString);
    assertTrue(err.contains("optimizer.lr"), diverged::toString);
    assertFalse(diverged.out().contains("epoch 2/2"), "no progress line for the diverged epoch\n" + diverged);

    assertEquals(List.of("epoch-00001.ckpt"), checkpoints(out));
    Path file = out.resolve("checkpoints/epoch-00001.ckpt");
    try (InputStream in = Files.newInputStream(file)) {
      Checkpoint c = CheckpointFile.read(in, file.toString());
      assertEquals(1, c.epochsDone());
      for (float p : c.model().state().params()) assertTrue(Float.isFinite(p), "checkpoint parameter " + p);
    }
    assertArrayEquals(modelBefore, Files.readAllBytes(model), "the diverged run rewrote the model");
    assertEquals(metricsBefore, Files.readAllLines(out.resolve("metrics.jsonl")), "metrics of the diverged epoch");
  }

  @Test
  void divergenceInTheFirstEpochWritesNothing() throws IOException {
    Path out = dir.resolve("straight");
    Result diverged = train(out, "--set", "optimizer.lr=1e30", "--set", "training.sync=step");
    assertEquals(3, diverged.code(), diverged::toString);
    assertTrue(diverged.err().startsWith("error: training diverged in epoch 1, step "), diverged::toString);
    assertTrue(diverged.err().contains("the last good checkpoint (none yet) is kept"), diverged::toString);
    assertEquals(List.of(), checkpoints(out));
    assertFalse(Files.exists(out.resolve("model/model.snn")), "a model was written");
  }

  @Test
  void lrOneMillionDivergesWithSquaredErrorAndTheLastGoodCheckpointLoads() throws IOException {
    Path regression = dir.resolve("regression.conf");
    Files.writeString(regression, "model { input = 784, loss = mean_squared_error, layers = [\n"
        + "  { type = dense, units = 1 } ] }\n"
        + "optimizer { type = sgd, lr = 1e6 }\n"
        + "training { epochs = 1, batch_size = 32, seed = 5, sync = step, checkpoint_every = 1 }\n"
        + "data { train = \"" + dir.resolve("data/train") + "\" }\n");
    Path out = dir.resolve("lr1e6");
    Result diverged = CliEndToEndTest.run("train", regression.toString(), "--output", out.toString(),
        "--master", "local[2]");
    assertEquals(3, diverged.code(), diverged::toString);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^error: training diverged in epoch 1, step (\\d+): "
        + "(the training loss is (Infinity|NaN)|a parameter is NaN or infinite); the last good checkpoint \\(epoch 1, "
        + "step (\\d+)\\) is kept; try a lower optimizer.lr").matcher(diverged.err());
    assertTrue(m.find(), diverged::toString);
    int step = Integer.parseInt(m.group(1));
    assertEquals(step - 1, Integer.parseInt(m.group(4)), "the last good checkpoint is the step before");
    assertFalse(Files.exists(out.resolve("model/model.snn")), "a model was written");

    Path file = out.resolve(String.format("checkpoints/epoch-00000.round-%09d.ckpt", step - 1));
    Checkpoint c;
    try (InputStream in = Files.newInputStream(file)) {
      c = CheckpointFile.read(in, file.toString());
    }
    assertEquals(step - 1, c.cursor().roundsDone());
    float largest = 0;
    for (float p : c.model().state().params()) {
      assertTrue(Float.isFinite(p), "checkpoint parameter " + p);
      largest = Math.max(largest, Math.abs(p));
    }
    assertTrue(largest > 1e6f, "lr 1e6 should have blown the weights up before they overflowed: " + largest);
  }

  /** {@code train} in local[2], sync = epoch unless {@code args} set it (a round is then a whole local epoch). */
  private static Result train(Path out, String... args) {
    List<String> all = new ArrayList<>(List.of("train", config.toString(), "--output", out.toString(),
        "--master", "local[2]", "--set", "training.sync=epoch"));
    all.addAll(List.of(args));
    return CliEndToEndTest.run(all.toArray(String[]::new));
  }

  private static List<String> checkpoints(Path out) throws IOException {
    Path d = out.resolve("checkpoints");
    if (!Files.isDirectory(d)) return List.of();
    try (Stream<Path> files = Files.list(d)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ckpt")).sorted().toList();
    }
  }
}
