package org.sparknn.driver.train;

import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparknn.config.SyncMode;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.io.EpochCursor;
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
 * {@link DivergedException}, before the listener sees the epoch; every {@code training.checkpoint_every} steps the
 * listener may write a mid-epoch checkpoint, from which {@link #train} can start again at the same round. After each
 * epoch: validation and the listener (progress, metrics, checkpoint).
 */
public final class TrainJob {
  /** Called after every epoch with its summary and the state it ended with; optionally told of each round. */
  public interface EpochListener {
    /** Before the first round of {@code epoch} (1-based), which has {@code stepsPerEpoch} steps. */
    default void onEpochStart(int epoch, long stepsPerEpoch) {}

    /** After every round, before its divergence check (so a bar shows the loss that stopped the run). */
    default void onRound(RoundProgress progress) {}

    void onEpoch(EpochSummary summary, ModelState state, OptState optState);

    /**
     * Called after a round when {@code training.checkpoint_every} steps have passed (never after an epoch's last
     * round, which {@link #onEpoch} covers): {@code epoch} is 0-based, {@code cursor} the rounds done in it.
     */
    default void onMidEpoch(int epoch, long globalStep, EpochCursor cursor, ModelState state, OptState optState) {}
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
    return train(in, initial, initialOpt, firstEpoch, EpochCursor.START, listener);
  }

  /**
   * Trains from round {@code cursor.roundsDone()} of epoch {@code firstEpoch} (0-based) to the end of the last
   * epoch; {@code cursor}'s sums seed that epoch's training metrics.
   */
  public ParameterServerState train(Inputs in, ModelState initial, OptState initialOpt, int firstEpoch,
      EpochCursor cursor, EpochListener listener) {
    ParameterServer server = new ParameterServer(plan.optimizer(), initial.copy(), initialOpt.copy());
    long steps = plan.stepsPerEpoch();
    long localSteps = sync.isGradient() ? steps : longestLocalEpoch(in.train());
    long roundSteps = switch (sync.kind()) {
      case STEP -> 1;
      case EPOCH -> Math.max(1, localSteps);
      case EVERY_N -> sync.steps();
    };
    long rounds = (localSteps + roundSteps - 1) / roundSteps;
    int every = plan.settings().checkpointEvery();
    String lastCheckpoint = firstEpoch == 0 && cursor.atStart() ? "none yet"
        : checkpointName(firstEpoch, cursor.roundsDone(), steps, roundSteps);
    for (int epoch = firstEpoch; epoch < plan.settings().epochs(); epoch++) {
      listener.onEpochStart(epoch + 1, localSteps);
      long started = System.nanoTime();
      long computeNanos = 0;
      long updateNanos = 0;
      boolean resumed = epoch == firstEpoch && !cursor.atStart();
      EvalStats trained = resumed
          ? new EvalStats(cursor.lossSum(), cursor.samples(), cursor.correct(), cursor.judged()) : EvalStats.EMPTY;
      for (long r = resumed ? cursor.roundsDone() : 0; r < rounds; r++) {
        sc.setJobGroup(runName, "sparknn " + runName + ": epoch " + (epoch + 1) + " round " + (r + 1) + "/" + rounds
            + (sync.isGradient() ? " (step " + (epoch * steps + r + 1) + ")" : ""), false);
        Contribution c = sync.isGradient()
            ? Rounds.gradient(sc, in.train(), plan, server.state(), epoch, r, epoch * steps + r)
            : Rounds.average(sc, in.train(), plan, server.state(), server.optState(), epoch, r, r * roundSteps,
                (int) roundSteps);
        long beforeUpdate = System.nanoTime();
        if (sync.isGradient()) server.applyGradient(c); else server.applyAverage(c);
        updateNanos += System.nanoTime() - beforeUpdate;
        computeNanos += c.computeNanos();
        trained = trained.plus(c.stats());
        listener.onRound(new RoundProgress(epoch + 1, r + 1, rounds, Math.min(localSteps, (r + 1) * roundSteps),
            localSteps, trained, System.nanoTime() - started));
        String bad = divergence(c.stats().lossSum(), server.state());
        if (bad != null) {
          String where = sync.isGradient() ? "step " + (epoch * steps + r + 1)
              : "round " + (r + 1) + " of " + rounds + " (local steps " + (r * roundSteps + 1) + "-"
                  + Math.min(localSteps, (r + 1) * roundSteps) + ")";
          throw new DivergedException(epoch + 1, "training diverged in epoch " + (epoch + 1) + ", " + where + ": "
              + bad + "; the last good checkpoint (" + lastCheckpoint + ") is kept; try a lower optimizer.lr");
        }
        if (every > 0 && r + 1 < rounds && (r + 1) * roundSteps / every > r * roundSteps / every) {
          listener.onMidEpoch(epoch, sync.isGradient() ? epoch * steps + r + 1 : epoch * steps,
              new EpochCursor(r + 1, trained.lossSum(), trained.samples(), trained.correct(), trained.judged()),
              server.state(), server.optState());
          lastCheckpoint = checkpointName(epoch, r + 1, steps, roundSteps);
        }
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      EvalStats validated = in.validation() == null ? null
          : DistributedEvaluation.stats(sc, in.validation(), plan.model(), server.state());
      listener.onEpoch(new EpochSummary(epoch + 1, trained, validated, seconds, rounds,
          computeNanos / 1e9 / in.train().getNumPartitions(), updateNanos / 1e9), server.state(), server.optState());
      lastCheckpoint = "epoch " + (epoch + 1);
    }
    sc.clearJobGroup();
    return new ParameterServerState(server.state(), server.optState());
  }

  /** How the divergence message names a checkpoint taken after {@code roundsDone} rounds of 0-based epoch e. */
  private String checkpointName(int epoch, long roundsDone, long steps, long roundSteps) {
    if (roundsDone == 0) return "epoch " + epoch;
    return "epoch " + (epoch + 1) + (sync.isGradient() ? ", step " + (epoch * steps + roundsDone)
        : ", round " + roundsDone + " (local step " + roundsDone * roundSteps + ")");
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
