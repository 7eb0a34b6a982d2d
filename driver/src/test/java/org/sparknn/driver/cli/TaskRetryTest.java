package org.sparknn.driver.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  /**
   * {@code local[2,3]} has 2 task slots for 4 partitions, so sync = step runs a Spark job per step there;
   * {@code local[4,3]} has a slot per partition, so sync = step streams (one barrier stage for both epochs, as there
   * is no validation set): a failed task makes Spark stop the stage's other tasks too and relaunch all four, which
   * resume at the step in flight, in the first epoch or in the second.
   */
  @ParameterizedTest
  @CsvSource({"step, sgd, 'local[2,3]', 1", "2, adam, 'local[2,3]', 1", "step, adam, 'local[4,3]', 1",
      "step, adam, 'local[4,3]', 2"})
  void aRetriedTaskGivesTheParametersOfAnUninterruptedRun(String sync, String optimizer, String master,
      int failedEpoch) throws IOException {
    String name = optimizer + "-" + sync + "-" + master.charAt(6) + "-" + failedEpoch;
    Path straight = dir.resolve("straight-" + name);
    StreamedJobs.COUNT.set(0);
    System.setProperty("spark.extraListeners", StreamedJobs.class.getName());
    Result uninterrupted;
    try {
      uninterrupted = train(straight, sync, optimizer, master);
    } finally {
      System.clearProperty("spark.extraListeners");
    }
    assertEquals(0, uninterrupted.code(), uninterrupted::toString);
    if (master.startsWith("local[4")) {
      assertEquals(1, StreamedJobs.COUNT.get(), "Spark jobs of streamed epochs: one stage runs both epochs");
    }

    Path marker = dir.resolve("failed-once-" + name);
    Path retried = dir.resolve("retried-" + name);
    Result withFailure;
    FailedTasks.COUNT.set(0);
    System.setProperty("spark.sparknn.test.failTaskOnce", failedEpoch + ":3:1:" + marker);
    System.setProperty("spark.extraListeners", FailedTasks.class.getName());
    try {
      withFailure = train(retried, sync, optimizer, master);
    } finally {
      System.clearProperty("spark.sparknn.test.failTaskOnce");
      System.clearProperty("spark.extraListeners");
    }
    assertEquals(0, withFailure.code(), withFailure::toString);
    assertTrue(Files.exists(marker), "the injected failure did not happen");
    if (master.startsWith("local[2")) {
      assertEquals(1, FailedTasks.COUNT.get(), "failed task attempts that Spark reported");
    } else {
      assertTrue(FailedTasks.COUNT.get() >= 1, "no failed task attempt reported");
      assertTrue(withFailure.out().contains("sync = step streamed"), withFailure::toString);
      assertTrue(withFailure.out().contains("  per step "), "no per-step breakdown\n" + withFailure);
    }
    Bits.assertSameModel(straight, retried);
  }

  /**
   * With a validation set the stage's tasks evaluate it after each epoch, so one streamed Spark job still runs both
   * epochs. A task failing in epoch 1's validation pass (round 0 of the hook) makes Spark relaunch the stage, and the
   * run ends with the model and the validation figures of an uninterrupted run. The figures are also those of a Spark
   * job between per-epoch stages ({@code -Dsparknn.step.stagePerEpoch=true}); its fold adds the four partitions'
   * losses in the order they finish, so the loss is compared to within rounding.
   */
  @Test
  void theStageValidatesAndAFailureDuringValidationChangesNothing() throws IOException {
    Path straight = dir.resolve("validated-straight");
    StreamedJobs.COUNT.set(0);
    Result uninterrupted = trainValidated(straight, "spark.extraListeners", StreamedJobs.class.getName());
    assertEquals(0, uninterrupted.code(), uninterrupted::toString);
    assertEquals(1, StreamedJobs.COUNT.get(), "Spark jobs of streamed epochs: one stage trains and validates both");
    assertTrue(uninterrupted.out().contains("one Spark stage for all epochs (its tasks also validate)"),
        uninterrupted::toString);

    Path marker = dir.resolve("failed-once-validation");
    Path retried = dir.resolve("validated-retried");
    Result withFailure = trainValidated(retried, "spark.sparknn.test.failTaskOnce", "1:0:1:" + marker);
    assertEquals(0, withFailure.code(), withFailure::toString);
    assertTrue(Files.exists(marker), "the injected failure did not happen");
    Bits.assertSameModel(straight, retried);
    assertEquals(validation(straight), validation(retried));

    Path perEpoch = dir.resolve("validated-per-epoch");
    Result byJob = trainValidated(perEpoch, "sparknn.step.stagePerEpoch", "true");
    assertEquals(0, byJob.code(), byJob::toString);
    Bits.assertSameModel(straight, perEpoch);
    List<List<Double>> inStage = validation(straight);
    List<List<Double>> inJobs = validation(perEpoch);
    assertEquals(2, inStage.size(), "validation figures per epoch");
    for (int e = 0; e < inStage.size(); e++) {
      assertEquals(inJobs.get(e).get(1), inStage.get(e).get(1), "validation accuracy, epoch " + (e + 1));
      assertEquals(inJobs.get(e).get(0), inStage.get(e).get(0), 1e-12 * inJobs.get(e).get(0),
          "validation loss, epoch " + (e + 1));
    }
  }

  /** A streamed run on four partitions with a quarter of the data for validation, the property set during it. */
  private static Result trainValidated(Path out, String property, String value) {
    System.setProperty(property, value);
    try {
      return CliEndToEndTest.run("train", config.toString(), "--output", out.toString(), "--master", "local[4,3]",
          "--set", "training.sync=step", "--set", "optimizer.type=adam", "--set", "data.validation_split=0.25");
    } finally {
      System.clearProperty(property);
    }
  }

  /** Each epoch's validation loss and accuracy, from the run's metrics.jsonl. */
  private static List<List<Double>> validation(Path run) throws IOException {
    return CliEndToEndTest.events(CliEndToEndTest.metrics(run), "epoch").stream()
        .map(e -> List.of(e.get("val_loss").asDouble(), e.get("val_accuracy").asDouble())).toList();
  }

  /** Counts the jobs of streamed stages, by the description TrainJob gives them (through spark.extraListeners). */
  public static final class StreamedJobs extends SparkListener {
    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
      String description = start.properties() == null ? null : start.properties().getProperty("spark.job.description");
      if (description != null && description.contains("(streamed")) COUNT.incrementAndGet();
    }
  }

  /** Counts task attempts that ended other than in success (registered through spark.extraListeners). */
  public static final class FailedTasks extends SparkListener {
    static final AtomicInteger COUNT = new AtomicInteger();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
      if (!(end.reason() instanceof org.apache.spark.Success$)) COUNT.incrementAndGet();
    }
  }

  private static Result train(Path out, String sync, String optimizer, String master) {
    return CliEndToEndTest.run("train", config.toString(), "--output", out.toString(), "--master", master,
        "--set", "training.sync=" + sync, "--set", "optimizer.type=" + optimizer);
  }
}
