package org.sparknn.driver.bench;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.sparknn.config.JobConfig;
import org.sparknn.data.ShardBlock;
import org.sparknn.driver.data.BlockPlan;
import org.sparknn.driver.data.BlockSet;
import org.sparknn.driver.data.DataFormat;
import org.sparknn.driver.data.DataLoader;
import org.sparknn.driver.data.DataSpec;
import org.sparknn.driver.run.SparkSetup;
import org.sparknn.driver.train.ShardedData;
import org.sparknn.driver.train.StepTiming;
import org.sparknn.init.ParamInitializer;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.partition.Contribution;

/**
 * Where the time of one {@code sync = step} round goes, measured side by side on the same cached shards:
 * <ol>
 *   <li>an empty job (one task per partition, a tree reduction of empty results): Spark scheduling alone;</li>
 *   <li>broadcast of the parameters, a job that reads them and returns a gradient-sized array, tree-reduced:
 *       adds serialization, broadcast and aggregation of parameter-sized data;</li>
 *   <li>a real gradient round (as training runs it): adds compute.</li>
 * </ol>
 * Prints the median of each over {@code reps} rounds. Usage: {@code StepCostBench CONFIG [reps]} (local[2]).
 */
public final class StepCostBench {
  private StepCostBench() {}

  public static void main(String[] args) throws Exception {
    JobConfig job = JobConfig.parse(java.nio.file.Files.readString(java.nio.file.Path.of(args[0])), args[0], List.of());
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 200;
    SparkSession spark = SparkSetup.session("sparknn step-cost bench", "local[2]");
    try {
      JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
      BlockSet data = new DataLoader(spark).load(DataSpec.of(job.data().train(), DataFormat.IDX)
          .withScaling(job.data().scaling()), BlockPlan.over(2));
      JavaRDD<ShardBlock> shards = ShardedData.of(data.blocks(), job.training().shards(), 2);
      long samples = ShardedData.count(shards);
      data.unpersist();
      ModelState state = ParamInitializer.initialize(job.model(), 1);
      int size = state.params().length;
      double[] empty = new double[reps];
      double[] traffic = new double[reps];
      double[] round = new double[reps];
      StepTiming timing = new StepTiming(sc, shards, job, samples);
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        shards.mapPartitions(it -> List.of(Contribution.empty()).iterator()).treeReduce(Contribution::plus, 2);
        long t1 = System.nanoTime();
        Broadcast<ModelState> b = sc.broadcast(state);
        shards.mapPartitions(it -> List.of(new float[b.value().params().length]).iterator())
            .treeReduce(StepCostBench::add, 2);
        b.destroy();
        long t2 = System.nanoTime();
        timing.gradientRound(state, r);
        long t3 = System.nanoTime();
        empty[r] = (t1 - t0) / 1e6;
        traffic[r] = (t2 - t1) / 1e6;
        round[r] = (t3 - t2) / 1e6;
      }
      System.out.printf("parameters: %,d floats; samples %,d; 2 partitions; %d rounds each (medians, ms)%n", size,
          samples, reps);
      System.out.printf("%-52s %8.1f%n", "empty job (scheduling)", median(empty));
      System.out.printf("%-52s %8.1f%n", "broadcast + gradient-sized results + tree reduce", median(traffic));
      System.out.printf("%-52s %8.1f%n", "full gradient round (as in training)", median(round));
    } finally {
      spark.stop();
    }
  }

  private static float[] add(float[] a, float[] b) {
    for (int i = 0; i < a.length; i++) a[i] += b[i];
    return a;
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
