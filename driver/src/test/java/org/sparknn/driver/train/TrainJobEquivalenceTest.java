package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.config.JobConfig;
import org.sparknn.config.SyncMode;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.driver.LocalSpark;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.train.LocalTrainer;

/**
 * The distributed path against the single-process reference on the same data, real Spark in local[4].
 * sync = step on 1, 2 and 4 partitions must give the parameters {@link LocalTrainer} gives with the same global
 * batch and order. Tolerance 1e-4 absolute: gradients are summed per partition and then across partitions, so the
 * float summation order differs from one batch; over these steps the difference stays near 1e-6. Averaging once
 * per epoch on one partition must equal plain local training to float rounding of the weighted mean (1e-6).
 * Averaging every N steps streamed must equal the same rounds as one Spark job each, bit for bit.
 */
class TrainJobEquivalenceTest {
  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(4);
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  static JobConfig job(String optimizer, String sync, int partitions) {
    String text = "model { input = 8, loss = softmax_cross_entropy, layers = [{type = dense, units = 16, "
        + "activation = relu}, {type = dropout, rate = 0.2}, {type = dense, units = 3}] }\n"
        + "optimizer { " + optimizer + " }\n"
        + "training { epochs = 2, batch_size = 32, seed = 5, shards = 8 }\n"
        + "data { train = unused }\noutput = equivalence-test";
    return JobConfig.parse(text, "test", List.of());
  }

  /** The data as file-order blocks of 37 rows in 3 reader partitions, as a reader would produce them. */
  static JavaRDD<Block> fileOrderBlocks(Block data) {
    List<Block> blocks = new ArrayList<>();
    for (int start = 0; start < data.rows(); start += 37) {
      blocks.add(data.copyOfRows(start, Math.min(data.rows(), start + 37)));
    }
    return sc.parallelize(blocks, 3);
  }

  @ParameterizedTest
  @CsvSource({"1, 'type = sgd, lr = 0.05'", "2, 'type = sgd, lr = 0.05'", "4, 'type = sgd, lr = 0.05'",
      "1, 'type = adam, lr = 0.01'", "2, 'type = adam, lr = 0.01'", "4, 'type = adam, lr = 0.01'"})
  void stepSyncEqualsSingleProcessTraining(int partitions, String optimizer) {
    JobConfig job = job(optimizer, "step", partitions);
    Block data = Fixtures.teacherData(300, 9);
    ModelState start = ParamInitializer.initialize(job.model(), 5);
    ModelState reference = new LocalTrainer(new CpuBackend(), job.model(), job.optimizer(), job.training())
        .train(start, data, null, e -> { }).state();

    ModelState trained = distributed(job, SyncMode.everyStep(), data, start, partitions);
    for (int i = 0; i < reference.params().length; i++) {
      assertEquals(reference.params()[i], trained.params()[i], 1e-4, "parameter " + i);
    }
  }

  @ParameterizedTest
  @CsvSource({"'type = sgd, lr = 0.05'", "'type = adam, lr = 0.01'"})
  void averagingOncePerEpochOnOnePartitionEqualsLocalTraining(String optimizer) {
    JobConfig job = job(optimizer, "epoch", 1);
    Block data = Fixtures.teacherData(300, 9);
    ModelState start = ParamInitializer.initialize(job.model(), 5);
    ModelState reference = new LocalTrainer(new CpuBackend(), job.model(), job.optimizer(), job.training())
        .train(start, data, null, e -> { }).state();

    ModelState trained = distributed(job, SyncMode.everyEpoch(), data, start, 1);
    for (int i = 0; i < reference.params().length; i++) {
      assertEquals(reference.params()[i], trained.params()[i], 1e-6 * Math.max(1, Math.abs(reference.params()[i])),
          "parameter " + i);
    }
  }

  /**
   * sync = N streamed (one stage, rounds exchanged with the step server) against one Spark job per round:
   * the same local steps and the same fixed-order sums, so the same bits, optimizer state included; 5 local steps
   * per round do not divide a partition's epoch, so the last round is short. In memory and over the socket. With a
   * validation set, which the stage's tasks evaluate after each epoch and a Spark job evaluates between the jobs:
   * the same figures (the job's fold adds partitions as they finish, so the loss to within rounding). The epoch's
   * serialization is timed over the socket, zero in memory, and left to Spark (NaN) in jobs.
   */
  @ParameterizedTest
  @CsvSource({"2, 'type = sgd, lr = 0.05, momentum = 0.9', true", "3, 'type = adam, lr = 0.01', true",
      "4, 'type = adam, lr = 0.01', true", "2, 'type = adam, lr = 0.01', false"})
  void streamedAveragingRoundsEqualOneJobPerRound(int partitions, String optimizer, boolean inMemory) {
    JobConfig job = job(optimizer, "5", partitions);
    Block data = Fixtures.teacherData(300, 9);
    ModelState start = ParamInitializer.initialize(job.model(), 5);
    JavaRDD<Block> validation = partitioned(Fixtures.teacherData(84, 13), partitions); // 2, 3 and 4 divide 84
    List<EpochSummary> streamedWay = new ArrayList<>();
    System.setProperty("sparknn.step.inmemory", String.valueOf(inMemory)); // false: through the socket
    TrainJob.ParameterServerState streamed;
    try {
      streamed = run(job, SyncMode.every(5), data, validation, start, partitions, streamedWay);
    } finally {
      System.clearProperty("sparknn.step.inmemory");
    }
    List<EpochSummary> jobsWay = new ArrayList<>();
    System.setProperty("sparknn.step.transport", "jobs");
    TrainJob.ParameterServerState jobs;
    try {
      jobs = run(job, SyncMode.every(5), data, validation, start, partitions, jobsWay);
    } finally {
      System.clearProperty("sparknn.step.transport");
    }
    for (int e = 0; e < 2; e++) {
      assertEquals(EpochSummary.Transport.STREAMED_ROUNDS, streamedWay.get(e).transport());
      assertEquals(EpochSummary.Transport.JOB_PER_ROUND, jobsWay.get(e).transport());
      double serialization = streamedWay.get(e).serializationSeconds();
      if (inMemory) {
        assertEquals(0, serialization, "nothing is encoded in memory");
      } else {
        assertTrue(serialization > 0, "the socket's encoding and decoding, epoch " + (e + 1) + ": " + serialization);
      }
      assertTrue(Double.isNaN(jobsWay.get(e).serializationSeconds()), "Spark serializes its jobs' results itself");
      EvalStats inStage = streamedWay.get(e).validation();
      EvalStats byJob = jobsWay.get(e).validation();
      assertEquals(84, inStage.samples(), "validation samples, epoch " + (e + 1));
      assertEquals(byJob.correct(), inStage.correct(), "validation accuracy, epoch " + (e + 1));
      assertEquals(byJob.lossSum(), inStage.lossSum(), 1e-12 * byJob.lossSum(), "validation loss, epoch " + (e + 1));
    }
    assertArrayEquals(jobs.state().params(), streamed.state().params());
    assertArrayEquals(jobs.optState().flatSlots(), streamed.optState().flatSlots());
    assertEquals(jobs.optState().step(), streamed.optState().step());
  }

  /** {@code data} as one block per partition, as many partitions as the training set has. */
  private static JavaRDD<Block> partitioned(Block data, int partitions) {
    List<Block> blocks = new ArrayList<>();
    int rows = data.rows() / partitions;
    for (int p = 0; p < partitions; p++) blocks.add(data.copyOfRows(p * rows, (p + 1) * rows));
    return sc.parallelize(blocks, partitions);
  }

  private static ModelState distributed(JobConfig job, SyncMode sync, Block data, ModelState start, int partitions) {
    return run(job, sync, data, null, start, partitions, new ArrayList<>()).state();
  }

  /** Trains (with a validation set, or none when null), noting each epoch's summary. */
  private static TrainJob.ParameterServerState run(JobConfig job, SyncMode sync, Block data, JavaRDD<Block> validation,
      ModelState start, int partitions, List<EpochSummary> epochs) {
    JavaRDD<ShardBlock> shards = ShardedData.of(fileOrderBlocks(data), job.training().shards(), partitions);
    try {
      assertEquals(partitions, shards.getNumPartitions());
      TrainJob train = new TrainJob(sc, job, sync, data.rows());
      OptState opt = job.optimizer().create().init(start.params().length);
      return train.train(new TrainJob.Inputs(shards, data.rows(), validation), start, opt, 0,
          (s, st, o) -> epochs.add(s));
    } finally {
      shards.unpersist();
    }
  }
}
