package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.config.JobConfig;
import org.sparknn.config.SyncMode;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.driver.Bits;
import org.sparknn.driver.LocalSpark;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptState;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Fixtures;

/**
 * training.deterministic on real Spark (local[8], so sync = step streams at every partition count): 1, 2, 4 and 8
 * partitions of 16 shards train bitwise-identical parameters and buffers in 2 epochs, for an MLP with dropout and a
 * CNN with batch norm and dropout, with Adam, in sync = step (streamed and one job per step) and in averaging
 * modes. The last test checks the data is order-sensitive: without deterministic mode 1 and 4 partitions differ.
 */
class DeterministicTrainingTest {
  private static final String MLP = "input = 8, loss = softmax_cross_entropy, layers = [{type = dense, units = 16, "
      + "activation = relu}, {type = dropout, rate = 0.2}, {type = dense, units = 3}]";
  private static final String CNN = "input = [1, 6, 6], loss = softmax_cross_entropy, layers = [{type = conv2d, "
      + "filters = 4, kernel = 3, activation = relu}, {type = batchnorm}, {type = maxpool2d, size = 2}, "
      + "{type = flatten}, {type = dropout, rate = 0.2}, {type = dense, units = 3}]";
  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(8);
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest(name = "{0} sync = {1}")
  @CsvSource({"mlp, step", "cnn, step", "mlp, epoch", "cnn, 3"})
  void onePartitionOrTwoOrFourOrEightTrainTheSameBits(String model, String sync) {
    JobConfig job = job(model, sync, true);
    Block data = data(model);
    ModelState one = train(job, data, 1);
    for (int partitions : new int[] {2, 4, 8}) {
      ModelState other = train(job, data, partitions);
      Bits.assertSameBits(one.params(), other.params(), partitions + " partitions: parameter");
      Bits.assertSameBits(one.buffers(), other.buffers(), partitions + " partitions: buffer");
    }
  }

  @Test
  void oneSparkJobPerStepTrainsTheSameBitsAsStreamedSteps() {
    JobConfig job = job("cnn", "step", true);
    Block data = data("cnn");
    ModelState streamed = train(job, data, 8);
    System.setProperty("sparknn.step.transport", "jobs");
    try {
      for (int partitions : new int[] {4, 3}) { // 3: shard ranges that are no aligned subtree (several nodes)
        ModelState jobs = train(job, data, partitions);
        Bits.assertSameBits(streamed.params(), jobs.params(), partitions + " partitions, jobs: parameter");
        Bits.assertSameBits(streamed.buffers(), jobs.buffers(), partitions + " partitions, jobs: buffer");
      }
    } finally {
      System.clearProperty("sparknn.step.transport");
    }
  }

  @Test
  void withoutDeterministicModeThePartitionCountShowsInTheBits() {
    JobConfig job = job("mlp", "step", false);
    Block data = data("mlp");
    assertNotEquals(bits(train(job, data, 1).params()), bits(train(job, data, 4).params()));
  }

  static JobConfig job(String model, String sync, boolean deterministic) {
    String text = "model { " + (model.equals("cnn") ? CNN : MLP) + " }\n"
        + "optimizer { type = adam, lr = 0.01 }\n"
        + "training { epochs = 2, batch_size = 32, seed = 5, shards = 16, sync = \"" + sync + "\", deterministic = "
        + deterministic + " }\ndata { train = unused }\noutput = deterministic-test";
    return JobConfig.parse(text, "test", List.of());
  }

  /** The teacher fixture for the MLP; for the CNN 6x6 images whose class is the brightest of three bands. */
  static Block data(String model) {
    if (model.equals("mlp")) return Fixtures.teacherData(300, 9);
    Block b = Block.allocate(240, 36, 1);
    long key = CounterRandom.key(11, RandomPurpose.SHUFFLE, 2);
    for (int r = 0; r < b.rows(); r++) {
      double[] band = new double[3];
      for (int j = 0; j < 36; j++) {
        float v = CounterRandom.uniform(key, (long) r * 36 + j);
        b.x()[r * 36 + j] = v;
        band[j / 12] += v;
      }
      b.y()[r] = band[0] >= band[1] ? (band[0] >= band[2] ? 0 : 2) : (band[1] >= band[2] ? 1 : 2);
    }
    return b;
  }

  static ModelState train(JobConfig job, Block data, int partitions) {
    List<Block> blocks = new ArrayList<>();
    for (int start = 0; start < data.rows(); start += 37) {
      blocks.add(data.copyOfRows(start, Math.min(data.rows(), start + 37)));
    }
    JavaRDD<ShardBlock> shards = ShardedData.of(sc.parallelize(blocks, 3), job.training().shards(), partitions);
    try {
      assertEquals(partitions, shards.getNumPartitions());
      ModelState start = ParamInitializer.initialize(job.model(), 5);
      OptState opt = job.optimizer().create().init(start.params().length);
      return new TrainJob(sc, job, job.parallel().sync(), data.rows())
          .train(new TrainJob.Inputs(shards, data.rows(), null), start, opt, 0, (s, st, o) -> { }).state();
    } finally {
      shards.unpersist();
    }
  }

  private static List<Integer> bits(float[] v) {
    List<Integer> out = new ArrayList<>();
    for (float x : v) out.add(Float.floatToRawIntBits(x));
    return out;
  }
}
