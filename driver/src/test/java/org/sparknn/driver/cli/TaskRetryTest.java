package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.driver.Bits;
import org.sparknn.driver.cli.CliEndToEndTest.Result;

/**
 * Must-show 1 of the reliability issue: a training task that fails mid-step is retried by Spark and the run ends
 * with the parameters of an uninterrupted run, bit for bit. The failure is injected through the test hook
 * {@code spark.sparknn.test.failTaskOnce} (a Spark setting, here a system property that SparkConf reads): in epoch 1,
 * round 3, partition 1 computes its contribution and then throws, once. Spark's local mode retries a task only with
 * a failure budget in the master URL: {@code local[2,3]}. Four partitions, so that the sum over partitions (fixed
 * order, see OrderedSum) is exercised too. Gradient rounds with SGD, and local-SGD rounds (sync = 2) with Adam.
 */
class TaskRetryTest {
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
        + "optimizer { type = sgd, lr = 0.05 }\n"
        + "training { epochs = 2, batch_size = 32, seed = 7, shards = 8, partitions = 4 }\n"
        + "data { train = \"" + dir.resolve("data/train") + "\" }\n");
  }

  @ParameterizedTest
  @CsvSource({"step, sgd", "2, adam"})
  void aRetriedTaskGivesTheParametersOfAnUninterruptedRun(String sync, String optimizer) throws IOException {
    Path straight = dir.resolve("straight-" + optimizer);
    Result uninterrupted = train(straight, sync, optimizer);
    assertEquals(0, uninterrupted.code(), uninterrupted::toString);

    Path marker = dir.resolve("failed-once-" + optimizer);
    Path retried = dir.resolve("retried-" + optimizer);
    Result withFailure;
    FailedTasks.COUNT.set(0);
    System.setProperty("spark.sparknn.test.failTaskOnce", "1:3:1:" + marker);
    System.setProperty("spark.extraListeners", FailedTasks.class.getName());
    try {
      withFailure = train(retried, sync, optimizer);
    } finally {
      System.clearProperty("spark.sparknn.test.failTaskOnce");
      System.clearProperty("spark.extraListeners");
    }
    assertEquals(0, withFailure.code(), withFailure::toString);
    assertTrue(Files.exists(marker), "the injected failure did not happen");
    assertEquals(1, FailedTasks.COUNT.get(), "failed task attempts that Spark reported");
    Bits.assertSameModel(straight, retried);
  }

  /** Counts task attempts that ended other than in success (registered through spark.extraListeners). */
  public static final class FailedTasks extends SparkListener {
    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (!(end.reason() instanceof org.apache.spark.Success$)) COUNT.incrementAndGet();
    }
  }

  private static Result train(Path out, String sync, String optimizer) {
    return CliEndToEndTest.run("train", config.toString(), "--output", out.toString(), "--master", "local[2,3]",
        "--set", "training.sync=" + sync, "--set", "optimizer.type=" + optimizer);
  }
}
