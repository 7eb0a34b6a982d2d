package org.sparknn.driver.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparknn.config.JobConfig;
import org.sparknn.data.ShardBlock;
import org.sparknn.tensor.ModelState;

/** Runs single gradient rounds exactly as training does, for benchmarks that time them. */
public final class StepTiming {
  private final JavaSparkContext sc;
  private final JavaRDD<ShardBlock> data;
  private final TrainingPlan plan;

  public StepTiming(JavaSparkContext sc, JavaRDD<ShardBlock> data, JobConfig job, long samples) {
    this.sc = sc;
    this.data = data;
    this.plan = new TrainingPlan(job.model(), job.optimizer(), job.training(), samples,
        job.parallel().backend());
  }

  /** One gradient round for step {@code step} of epoch 0; returns its summed sample count. */
  public long gradientRound(ModelState state, long step) {
    return Rounds.gradient(sc, data, plan, state, 0, step % plan.stepsPerEpoch(), step).samples();
  }
}
