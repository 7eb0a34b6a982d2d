package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
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
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.aparapi.AparapiBackend;
import org.sparknn.worker.aparapi.OpenClDevices;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.train.LocalTrainer;

/**
 * {@code backend = aparapi} through the Spark path (local[2]): tasks compile their networks on the OpenCL device
 * and the result equals single-process training on the CPU backend, within the distributed tests' 1e-4. Step
 * sync on two partitions runs forward/backward on the device; averaging once per epoch on one partition also runs
 * the optimizer update on the device. Skipped, with the reason, without an OpenCL device.
 */
class AparapiTrainJobTest {
  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(2);
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @BeforeEach
  void needsOpenCl() {
    Assumptions.assumeTrue(OpenClDevices.best(true).isPresent(), "skipped: " + OpenClDevices.absenceReason(true));
  }

  /** File-order blocks of 37 rows in 3 reader partitions, as in TrainJobEquivalenceTest. */
  private static JavaRDD<Block> fileOrderBlocks(Block data) {
    List<Block> blocks = new java.util.ArrayList<>();
    for (int start = 0; start < data.rows(); start += 37) {
      blocks.add(data.copyOfRows(start, Math.min(data.rows(), start + 37)));
    }
    return sc.parallelize(blocks, 3);
  }

  @ParameterizedTest
  @CsvSource({"step, 2", "epoch, 1"})
  void trainsOnTheOpenClDeviceAndMatchesTheCpuReference(String sync, int partitions) {
    JobConfig job = JobConfig.parse("model { input = 8, loss = softmax_cross_entropy, layers = [{type = dense, "
        + "units = 16, activation = relu}, {type = dropout, rate = 0.2}, {type = dense, units = 3}] }\n"
        + "optimizer { type = adam, lr = 0.01 }\n"
        + "training { epochs = 2, batch_size = 32, seed = 5, shards = 8, sync = " + sync + " }\n"
        + "backend = aparapi\ndata { train = unused }\noutput = aparapi-test", "test", List.of());
    Block data = Fixtures.teacherData(300, 9);
    ModelState start = ParamInitializer.initialize(job.model(), 5);
    ModelState reference = new LocalTrainer(new CpuBackend(), job.model(), job.optimizer(), job.training())
        .train(start, data, null, e -> { }).state();

    JavaRDD<ShardBlock> shards = ShardedData.of(fileOrderBlocks(data),
        job.training().shards(), partitions);
    ModelState trained;
    try {
      OptState opt = job.optimizer().create().init(start.params().length);
      trained = new TrainJob(sc, job, job.parallel().sync(), data.rows())
          .train(new TrainJob.Inputs(shards, data.rows(), null), start, opt, 0, (s, st, o) -> { }).state();
    } finally {
      shards.unpersist();
    }
    for (int i = 0; i < reference.params().length; i++) {
      assertEquals(reference.params()[i], trained.params()[i], 1e-4, "parameter " + i);
    }
    String ran = AparapiBackend.kernelDevices().get("MatMulKernel"); // local mode: the executors are this JVM
    assertTrue(ran.startsWith("OpenCL"), "MatMulKernel ran on " + ran);
    if (sync.equals("epoch")) {
      assertTrue(AparapiBackend.kernelDevices().get("AdamKernel").startsWith("OpenCL"), "Adam update on the device");
    }
  }
}
