package org.sparknn.driver.train;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
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
    this.plan = new TrainingPlan(job.model(), job.optimizer(), job.training(), trainSamples);
    this.sync = sync;
    this.runName = job.output();
  }

  /** Trains epochs [firstEpoch, epochs) from the given state; returns the final state and optimizer state. */
  public ParameterServerState train(Inputs in, ModelState initial, OptState initialOpt, int firstEpoch,
      EpochListener listener) {
    ParameterServer server = new ParameterServer(plan.optimizer(), initial.copy(), initialOpt.copy());
    int partitions = in.train().getNumPartitions();
    long localSteps = sync.isGradient() ? plan.stepsPerEpoch() : longestLocalEpoch(in.train());
    try (StepServer stepServer = streamed(partitions)) {
      for (int epoch = firstEpoch; epoch < plan.settings().epochs(); epoch++) {
        long started = System.nanoTime();
        EpochWork work = stepServer != null ? streamedEpoch(in, server, stepServer, epoch)
            : roundsEpoch(in, server, epoch, localSteps);
        double seconds = (System.nanoTime() - started) / 1e9;
        EvalStats validated = in.validation() == null ? null
            : DistributedEvaluation.stats(sc, in.validation(), plan.model(), server.state());
        listener.onEpoch(new EpochSummary(epoch + 1, work.trained(), validated, seconds, work.rounds(),
            work.computeNanos() / 1e9 / partitions, work.updateNanos() / 1e9), server.state(), server.optState());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    sc.clearJobGroup();
    return new ParameterServerState(server.state(), server.optState());
  }

  /** One epoch of {@code sync = step} as one Spark stage whose tasks exchange every step with the step server. */
  private EpochWork streamedEpoch(Inputs in, ParameterServer server, StepServer stepServer, int epoch)
      throws IOException {
    long steps = plan.stepsPerEpoch();
    sc.setJobGroup(runName, "sparknn " + runName + ": epoch " + (epoch + 1) + ", steps " + (epoch * steps + 1) + "-"
        + (epoch + 1) * steps + " (streamed)", true);
    StepServer.EpochResult r = StreamedSteps.epoch(in.train(), plan, stepServer, server, epoch, (step, total) -> {
      String bad = divergence(total.stats().lossSum(), server.state());
      if (bad != null) throw diverged(epoch, "step " + (epoch * steps + step + 1), bad);
    });
    return new EpochWork(r.trained(), steps, r.computeNanos(), r.updateNanos());
  }

  /** One epoch as a Spark job per round: a global step ({@code sync = step}) or N local steps (averaging). */
  private EpochWork roundsEpoch(Inputs in, ParameterServer server, int epoch, long localSteps) {
    long steps = plan.stepsPerEpoch();
    long roundSteps = switch (sync.kind()) {
      case STEP -> 1;
      case EPOCH -> Math.max(1, localSteps);
      case EVERY_N -> sync.steps();
    };
    long rounds = (localSteps + roundSteps - 1) / roundSteps;
    EvalStats trained = EvalStats.EMPTY;
    long computeNanos = 0;
    long updateNanos = 0;
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
        throw diverged(epoch, where, bad);
      }
    }
    return new EpochWork(trained, rounds, computeNanos, updateNanos);
  }

  /** What an epoch's rounds did: training-mode sums, rounds, partitions' compute time, driver update time. */
  private record EpochWork(EvalStats trained, long rounds, long computeNanos, long updateNanos) {}

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

  private static DivergedException diverged(int epoch, String where, String bad) {
    return new DivergedException(epoch + 1, "training diverged in epoch " + (epoch + 1) + ", " + where + ": " + bad
        + "; the last good checkpoint (" + (epoch == 0 ? "none yet" : "epoch " + epoch)
        + ") is kept; try a lower optimizer.lr");
  }

  /**
   * The step server for {@code sync = step} when the partitions can all run at once (see {@link StreamedSteps}),
   * else null: one Spark job per step. {@code -Dsparknn.step.transport=jobs} forces the latter.
   */
  private StepServer streamed(int partitions) throws IOException {
    if (!sync.isGradient()) return null;
    boolean wanted = !"jobs".equals(System.getProperty("sparknn.step.transport", "stream"));
    if (!wanted) return null;
    if (!StreamedSteps.possible(sc, partitions)) {
      System.err.printf("note: %d partitions but %d task slots; sync = step runs one Spark job per step (slower)%n",
          partitions, sc.defaultParallelism());
      return null;
    }
    // Like Spark's own driver endpoints: listen on the bind address, advertise the driver host to executors.
    String host = sc.getConf().get("spark.driver.host", java.net.InetAddress.getLocalHost().getHostAddress());
    String bind = sc.getConf().get("spark.driver.bindAddress", host);
    return new StepServer(bind, host, Duration.ofSeconds(Long.getLong("sparknn.step.timeout.seconds", 600)));
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
