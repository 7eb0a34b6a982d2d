package org.sparknn.driver.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparknn.config.SyncMode;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.PartitionTrainer;

/**
 * The distributed epoch loop. Every round: broadcast the state, each partition contributes over the shards it
 * holds, contributions are tree-summed, and the {@link ParameterServer} on the driver makes the next state.
 * In {@code sync = step} a round is one global batch; in averaging modes a round is N local steps (or a whole
 * epoch) per partition. After each round: a NaN or infinite loss or parameter stops the run with a
 * {@link DivergedException}, before the listener sees the epoch. After each epoch: validation and the listener
 * (progress, metrics, checkpoint).
 */
public final class TrainJob {
  /** Called after every epoch with its summary and the state it ended with. */
  public interface EpochListener {
    void onEpoch(EpochSummary summary, ModelState state, OptState optState);
  }

  /** The cached training shards (and their sample count) and optional validation blocks. */
  public record Inputs(JavaRDD<ShardBlock> train, long trainSamples, JavaRDD<Block> validation) {}

  private final JavaSparkContext sc;
  private final TrainingPlan plan;
  private final SyncMode sync;
  private final String runName;

  public TrainJob(JavaSparkContext sc, org.sparknn.config.JobConfig job, SyncMode sync, long trainSamples) {
    this.sc = sc;
    this.plan = new TrainingPlan(job.model(), job.optimizer(), job.training(), trainSamples,
        job.parallel().backend());
    this.sync = sync;
    this.runName = job.output();
  }

  /** Trains epochs [firstEpoch, epochs) from the given state; returns the final state and optimizer state. */
  public ParameterServerState train(Inputs in, ModelState initial, OptState initialOpt, int firstEpoch,
      EpochListener listener) {
    ParameterServer server = new ParameterServer(plan.optimizer(), initial.copy(), initialOpt.copy());
    long steps = plan.stepsPerEpoch();
    long localSteps = sync.isGradient() ? steps : longestLocalEpoch(in.train());
    long roundSteps = switch (sync.kind()) {
      case STEP -> 1;
      case EPOCH -> Math.max(1, localSteps);
      case EVERY_N -> sync.steps();
    };
    long rounds = (localSteps + roundSteps - 1) / roundSteps;
    for (int epoch = firstEpoch; epoch < plan.settings().epochs(); epoch++) {
      long started = System.nanoTime();
      long computeNanos = 0;
      long updateNanos = 0;
      EvalStats trained = EvalStats.EMPTY;
      for (long r = 0; r < rounds; r++) {
        sc.setJobGroup(runName, "sparknn " + runName + ": epoch " + (epoch + 1) + " round " + (r + 1) + "/" + rounds
            + (sync.isGradient() ? " (step " + (epoch * steps + r + 1) + ")" : ""), false);
        Contribution c = sync.isGradient()
            ? Rounds.gradient(sc, in.train(), plan, server.state(), epoch, r, epoch * steps + r)
            : Rounds.average(sc, in.train(), plan, server.state(), server.optState(), epoch, r * roundSteps,
                (int) roundSteps);
        long beforeUpdate = System.nanoTime();
        if (sync.isGradient()) server.applyGradient(c); else server.applyAverage(c);
        updateNanos += System.nanoTime() - beforeUpdate;
        computeNanos += c.computeNanos();
        trained = trained.plus(c.stats());
        String bad = divergence(c.stats().lossSum(), server.state());
        if (bad != null) {
          String where = sync.isGradient() ? "step " + (epoch * steps + r + 1)
              : "round " + (r + 1) + " of " + rounds + " (local steps " + (r * roundSteps + 1) + "-"
                  + Math.min(localSteps, (r + 1) * roundSteps) + ")";
          throw new DivergedException(epoch + 1, "training diverged in epoch " + (epoch + 1) + ", " + where + ": "
              + bad + "; the last good checkpoint (" + (epoch == 0 ? "none yet" : "epoch " + epoch)
              + ") is kept; try a lower optimizer.lr");
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      EvalStats validated = in.validation() == null ? null
          : DistributedEvaluation.stats(sc, in.validation(), plan.model(), server.state());
      listener.onEpoch(new EpochSummary(epoch + 1, trained, validated, seconds, rounds,
          computeNanos / 1e9 / in.train().getNumPartitions(), updateNanos / 1e9), server.state(), server.optState());
    }
    sc.clearJobGroup();
    return new ParameterServerState(server.state(), server.optState());
  }

  /**
   * What is not finite after a round, or null: the round's summed training loss, else the parameters or buffers
   * (checked cheaply: the double sum of a float array is NaN or infinite exactly when one of its values is).
   */
  static String divergence(double lossSum, ModelState state) {
    if (!Double.isFinite(lossSum)) return "the training loss is " + lossSum;
    if (!Double.isFinite(sum(state.params()))) return "a parameter is NaN or infinite";
    if (!Double.isFinite(sum(state.buffers()))) return "a layer buffer is NaN or infinite";
    return null;
  }

  private static double sum(float[] values) {
    double s = 0;
    for (float v : values) s += v;
    return s;
  }

  /** The final model state and optimizer state. */
  public record ParameterServerState(ModelState state, OptState optState) {}

  /** Local steps per epoch on the partition holding the most samples (averaging modes). */
  private long longestLocalEpoch(JavaRDD<ShardBlock> train) {
    List<Long> held = train.mapPartitions(blocks -> {
      long n = 0;
      while (blocks.hasNext()) n += blocks.next().block().rows();
      return List.of(n).iterator();
    }).collect();
    long longest = 0;
    for (long n : held) {
      longest = Math.max(longest, PartitionTrainer.localSteps(plan.settings().batchSize(), n, plan.totalSamples()));
    }
    return longest;
  }
}
