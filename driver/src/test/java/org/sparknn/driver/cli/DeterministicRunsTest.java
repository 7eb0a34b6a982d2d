package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.driver.Bits;
import org.sparknn.driver.cli.CliEndToEndTest.Result;

/**
 * training.deterministic end to end, through the command line: a run on one partition and a run on four partitions
 * whose task fails once and is retried by Spark (the TaskRetryTest hook) give the same model bit for bit, in
 * sync = step (streamed: local[4,3] has a slot per partition) and local SGD (sync = 2); so does a run resumed on
 * another partition count; and {@code sparknn verify}
 * says so from their metrics.jsonl hashes, reports the first step where two different runs part, and refuses a
 * missing metrics file.
 */
class DeterministicRunsTest {
  @TempDir
  static Path dir;
  private static Path config;

  @BeforeAll
  static void data() throws IOException {
    CliEndToEndTest.writeIdx(dir.resolve("data"), "train", 400, 1);
    config = dir.resolve("job.conf");
    Files.writeString(config, "model { input = 784, loss = softmax_cross_entropy, layers = [\n"
        + "  { type = dense, units = 32, activation = relu }\n  { type = dropout, rate = 0.2 }\n"
        + "  { type = dense, units = 10 } ] }\n"
        + "optimizer { type = adam, lr = 0.01 }\n"
        + "training { epochs = 2, batch_size = 32, seed = 7, shards = 16, deterministic = true, hash_every = 4 }\n"
        + "data { train = \"" + dir.resolve("data/train") + "\" }\n");
  }

  @ParameterizedTest
  @CsvSource({"step", "2"})
  void onePartitionAndFourWithARetriedTaskTrainTheSameBits(String sync) throws IOException {
    Path one = dir.resolve("one-" + sync);
    Result a = train(one, "local[2]", 1, sync, 7);
    assertEquals(0, a.code(), a::toString);

    Path marker = dir.resolve("failed-once-" + sync);
    Path four = dir.resolve("four-retried-" + sync);
    Result b;
    System.setProperty("spark.sparknn.test.failTaskOnce", "1:3:1:" + marker);
    try {
      b = train(four, "local[4,3]", 4, sync, 7);
    } finally {
      System.clearProperty("spark.sparknn.test.failTaskOnce");
    }
    assertEquals(0, b.code(), b::toString);
    assertTrue(Files.exists(marker), "the injected failure did not happen");
    Bits.assertSameModel(one, four);

    Result same = CliEndToEndTest.run("verify", one.toString(), four.toString());
    assertEquals(0, same.code(), same::toString);
    assertTrue(same.out().contains("identical"), same::toString);
  }

  @Test
  void aRunResumedOnAnotherPartitionCountEndsWithTheSameBits() throws IOException {
    Path straight = dir.resolve("straight-1");
    assertEquals(0, train(straight, "local[2]", 1, "step", 7).code());
    Path resumed = dir.resolve("resumed-2-then-4");
    Result first = CliEndToEndTest.run("train", config.toString(), "--output", resumed.toString(), "--master",
        "local[2]", "--set", "training.partitions=2", "--set", "training.epochs=1");
    assertEquals(0, first.code(), first::toString);
    Result second = CliEndToEndTest.run("train", config.toString(), "--output", resumed.toString(), "--master",
        "local[4]", "--set", "training.partitions=4", "--resume");
    assertEquals(0, second.code(), second::toString);
    Bits.assertSameModel(straight, resumed);
  }

  @Test
  void verifyNamesTheFirstDifferenceAndRefusesAMissingFile() {
    Path a = dir.resolve("seed-7");
    Path b = dir.resolve("seed-8");
    assertEquals(0, train(a, "local[2]", 2, "step", 7).code());
    assertEquals(0, train(b, "local[2]", 2, "step", 8).code());

    Result differ = CliEndToEndTest.run("verify", a.toString(), b.toString());
    assertEquals(1, differ.code(), differ::toString);
    assertTrue(differ.out().contains("runs differ first at step 4 (epoch 1)"), differ::toString);

    Result missing = CliEndToEndTest.run("verify", a.toString(), dir.resolve("nowhere").toString());
    assertEquals(2, missing.code(), missing::toString);
    assertTrue(missing.err().contains("nowhere: no such run directory or metrics file"), missing::toString);
  }

  private static Result train(Path out, String master, int partitions, String sync, long seed) {
    return CliEndToEndTest.run("train", config.toString(), "--output", out.toString(), "--master", master,
        "--set", "training.partitions=" + partitions, "--set", "training.sync=" + sync,
        "--set", "training.seed=" + seed);
  }
}
