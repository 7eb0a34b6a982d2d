package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.driver.Bits;
import org.sparknn.driver.cli.CliEndToEndTest.Result;
import org.sparknn.io.CheckpointFile;

/**
 * Must-show 3 of the reliability issue: the driver JVM, running {@code sparknn train} (the command line's entry point
 * in a child JVM, local[2]), is killed with SIGKILL in the middle of epoch 2; {@code train --resume} continues from
 * the newest mid-epoch checkpoint ({@code training.checkpoint_every = 5} steps) and ends with the parameters and
 * buffers of an uninterrupted run, bit for bit, and with its metrics (the epoch lines' training loss included).
 * SGD with gradient rounds (sync = step) and Adam with local-SGD rounds (sync = 2), so that both kinds of round
 * cursor and Adam's moments go through a checkpoint.
 */
class DriverKillTest {
  private static final long KILL_TIMEOUT_S = 120;
  @TempDir
  static Path dir;
  private static Path config;

  @BeforeAll
  static void data() throws IOException {
    CliEndToEndTest.writeIdx(dir.resolve("data"), "train", 600, 1);
    config = dir.resolve("job.conf");
    Files.writeString(config, "model { input = 784, loss = softmax_cross_entropy, layers = [\n"
        + "  { type = dense, units = 32, activation = relu }\n  { type = dropout, rate = 0.1 }\n"
        + "  { type = dense, units = 10 } ] }\n"
        + "optimizer { type = sgd, lr = 0.05 }\n"
        + "training { epochs = 2, batch_size = 32, seed = 3, partitions = 2, checkpoint_every = 5 }\n"
        + "data { train = \"" + dir.resolve("data/train") + "\", validation_split = 0.1 }\n");
  }

  @ParameterizedTest
  @CsvSource({"sgd, 0.05, step", "adam, 0.002, 2"})
  void resumeAfterSigkillMidEpochMatchesAnUninterruptedRun(String optimizer, String lr, String sync)
      throws Exception {
    String[] settings = {"--set", "optimizer.type=" + optimizer, "--set", "optimizer.lr=" + lr,
        "--set", "training.sync=" + sync, "--master", "local[2]"};
    Path straight = dir.resolve("straight-" + optimizer);
    Result uninterrupted = CliEndToEndTest.run(args(straight, settings));
    assertEquals(0, uninterrupted.code(), uninterrupted::toString);

    Path killed = dir.resolve("killed-" + optimizer);
    Process driver = child(killed, args(killed, settings));
    Path firstOfEpoch2 = killed.resolve("checkpoints/epoch-00001.round-");
    waitFor(driver, killed, () -> newestCheckpoint(killed).startsWith(firstOfEpoch2.getFileName().toString()));
    new ProcessBuilder("kill", "-KILL", Long.toString(driver.pid())).inheritIO().start().waitFor();
    assertTrue(driver.waitFor(30, TimeUnit.SECONDS), "the killed driver did not exit");
    assertEquals(137, driver.exitValue(), "exit status of a JVM killed by SIGKILL");
    assertFalse(Files.exists(killed.resolve("model/model.snn")), "the run finished before it was killed");
    String newest = newestCheckpoint(killed);
    assertTrue(newest.startsWith("epoch-00001.round-"), "not killed mid-epoch 2: newest checkpoint " + newest);

    Result resumed = CliEndToEndTest.run(concat(args(killed, settings), "--resume"));
    assertEquals(0, resumed.code(), resumed::toString);
    assertTrue(resumed.out().contains("resuming after epoch 1 and "), resumed::toString);
    Bits.assertSameModel(straight, killed);
    List<JsonNode> expected = CliEndToEndTest.events(CliEndToEndTest.metrics(straight), "epoch");
    List<JsonNode> actual = CliEndToEndTest.events(CliEndToEndTest.metrics(killed), "epoch");
    assertEquals(2, actual.size(), actual::toString);
    for (int e = 0; e < 2; e++) {
      for (String key : List.of("epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "rounds")) {
        assertEquals(expected.get(e).get(key), actual.get(e).get(key), key + " of epoch " + (e + 1));
      }
    }
  }

  /**
   * Ctrl-C or SIGTERM: the run stops within seconds with status 143 (128 + SIGTERM), says so and where the
   * checkpoints are, leaves every checkpoint readable and no temporary file, and {@code --resume} continues.
   */
  @Test
  void sigtermStopsSparkAndKeepsTheCheckpoints() throws Exception {
    Path out = dir.resolve("terminated");
    String[] settings = {"--set", "training.sync=step", "--master", "local[2]"};
    Process driver = child(out, args(out, settings));
    waitFor(driver, out, () -> newestCheckpoint(out).startsWith("epoch-00000.round-"));
    long sent = System.nanoTime();
    new ProcessBuilder("kill", "-TERM", Long.toString(driver.pid())).inheritIO().start().waitFor();
    assertTrue(driver.waitFor(60, TimeUnit.SECONDS), "the driver did not stop within 60 s of SIGTERM");
    double seconds = (System.nanoTime() - sent) / 1e9;
    String err = Files.readString(out.resolve("driver.err"));
    assertEquals(143, driver.exitValue(), err);
    assertTrue(err.contains("sparknn: interrupted; stopping Spark. The checkpoints in " + out
        + "/checkpoints are intact: continue with train --resume"), err);
    try (Stream<Path> files = Files.list(out.resolve("checkpoints"))) {
      for (Path f : files.toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".crc")) continue; // Hadoop's local file system's checksum beside each file
        assertFalse(name.startsWith("."), "temporary file left: " + name);
        try (var in = Files.newInputStream(f)) {
          CheckpointFile.read(in, f.toString());
        }
      }
    }
    System.out.printf("SIGTERM: stopped in %.1f s%n", seconds);
    Result resumed = CliEndToEndTest.run(concat(args(out, settings), "--resume"));
    assertEquals(0, resumed.code(), resumed::toString);
    assertTrue(resumed.out().contains("resuming after epoch "), resumed::toString);
  }

  private static String[] args(Path out, String... more) {
    List<String> all = new ArrayList<>(List.of("train", config.toString(), "--output", out.toString()));
    all.addAll(List.of(more));
    return all.toArray(String[]::new);
  }

  private static String[] concat(String[] a, String... b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  /** {@code sparknn ARGS} in a new JVM with this one's options and class path; output to files in {@code out}. */
  static Process child(Path out, String... args) throws IOException {
    Files.createDirectories(out);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    command.addAll(List.of("-Dspark.ui.enabled=false", "-cp", System.getProperty("java.class.path"),
        Main.class.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectInput(new File("/dev/null"))
        .redirectOutput(out.resolve("driver.out").toFile()).redirectError(out.resolve("driver.err").toFile()).start();
  }

  /** Polls every 10 ms until {@code condition}; fails with the child's output if it exits first or time runs out. */
  static void waitFor(Process p, Path out, Check condition) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(KILL_TIMEOUT_S);
    while (!condition.holds()) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly().waitFor();
        fail("the child driver " + (p.isAlive() ? "timed out" : "exited with " + p.exitValue()) + " first:\n"
            + Files.readString(out.resolve("driver.out")) + Files.readString(out.resolve("driver.err")));
      }
      Thread.sleep(10);
    }
  }

  interface Check {
    boolean holds() throws IOException;
  }

  /** The newest checkpoint file name in {@code <run>/checkpoints}, or "" when none. */
  static String newestCheckpoint(Path run) throws IOException {
    Path d = run.resolve("checkpoints");
    if (!Files.isDirectory(d)) return "";
    try (Stream<Path> files = Files.list(d)) {
      return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".ckpt") && !n.startsWith("."))
          .sorted().reduce((a, b) -> b).orElse("");
    }
  }
}
