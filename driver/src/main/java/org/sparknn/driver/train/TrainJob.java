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
import org.sparknn.io.EpochCursor;
import org.sparknn.optim.OptState;
import org.sparknn.simd.Finite;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.PartitionTrainer;

/**
 * The distributed epoch loop. Every round: each partition contributes over the shards it holds from the current
 * state, the contributions are summed in a fixed order, and the {@link ParameterServer} on the driver makes the
 * next state. In {@code sync = step} a round is one global batch, exchanged with the {@link StepServer} by tasks that
 * live for every epoch and also evaluate the validation set between them (one Spark job per step where that is
 * not possible); in averaging modes a round is N local steps (streamed the same way) or a whole epoch per partition
 * (one Spark job). After each round: a NaN or infinite loss or parameter stops the run with a
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

    /**
     * Every {@code training.hash_every} steps (1-based {@code epoch}; {@code step} counts global steps, or local
     * steps in averaging modes, from the start of training): a chance to log the state's hash.
     */
    default void onStepHash(int epoch, long step, ModelState state) {}
  }

  /** The cached training shards (and their sample count) and optional validation blocks. */
  public record Inputs(JavaRDD<ShardBlock> train, long trainSamples, JavaRDD<Block> validation) {}

  private final JavaSparkContext sc;
  private final TrainingPlan plan;
  private final SyncMode sync;
  private final String runName;
  private String lastCheckpoint; // named in the divergence message

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
    long localSteps = sync.isGradient() ? plan.stepsPerEpoch() : longestLocalEpoch(in.train());
    long roundSteps = switch (sync.kind()) {
      case STEP -> 1;
      case EPOCH -> Math.max(1, localSteps);
      case EVERY_N -> sync.steps();
    };
    Schedule schedule = new Schedule(plan.stepsPerEpoch(), localSteps, roundSteps,
        (localSteps + roundSteps - 1) / roundSteps);
    int partitions = in.train().getNumPartitions();
    lastCheckpoint = firstEpoch == 0 && cursor.atStart() ? "none yet"
        : checkpointName(firstEpoch, cursor.roundsDone(), schedule);
    StreamedSteps stage = null; // the barrier stage running the streamed epochs, kept from one epoch to the next
    try (StepServer stepServer = streamed(in, partitions)) {
      for (int epoch = firstEpoch; epoch < plan.settings().epochs(); epoch++) {
        listener.onEpochStart(epoch + 1, localSteps);
        boolean resumed = epoch == firstEpoch && !cursor.atStart();
        EpochTally tally = new EpochTally(epoch, schedule, resumed
            ? new EvalStats(cursor.lossSum(), cursor.samples(), cursor.correct(), cursor.judged()) : EvalStats.EMPTY);
        long firstRound = resumed ? cursor.roundsDone() : 0;
        if (stepServer != null) {
          if (stage == null) stage = launchStage(in, stepServer, epoch, schedule);
          streamedEpoch(stage, server, tally, firstRound, listener);
          if (epoch == stage.lastEpoch()) {
            stage.close();
            stage = null;
          }
        } else {
          roundsEpoch(in, server, tally, firstRound, listener);
        }
        double seconds = (System.nanoTime() - tally.started - tally.validationNanos) / 1e9; // training only
        EvalStats validated = tally.validated != null || in.validation() == null ? tally.validated
            : DistributedEvaluation.stats(sc, in.validation(), plan.model(), server.state());
        boolean streamedEpoch = stepServer != null;
        listener.onEpoch(new EpochSummary(epoch + 1, tally.trained, validated, seconds, schedule.rounds(),
            tally.computeNanos / 1e9 / partitions, tally.updateNanos / 1e9,
            streamedEpoch ? tally.aggregateNanos / 1e9 : Double.NaN,
            streamedEpoch ? tally.broadcastNanos / 1e9 : Double.NaN,
            streamedEpoch ? (tally.serializeNanos + (double) tally.taskSerializeNanos / partitions) / 1e9 : Double.NaN,
            transport(streamedEpoch)),
            server.state(), server.optState());
        lastCheckpoint = "epoch " + (epoch + 1);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (stage != null) stage.close(); // stopped early: its tasks were told by the step server's close
    }
    sc.clearJobGroup();
    return new ParameterServerState(server.state(), server.optState());
  }

  private EpochSummary.Transport transport(boolean streamedEpoch) {
    if (streamedEpoch) {
      return sync.isGradient() ? EpochSummary.Transport.STREAMED_STEPS : EpochSummary.Transport.STREAMED_ROUNDS;
    }
    return sync.isGradient() ? EpochSummary.Transport.JOB_PER_STEP : EpochSummary.Transport.JOB_PER_ROUND;
  }

  /** Steps per epoch (global), local steps per epoch, steps per round, rounds per epoch. */
  private record Schedule(long steps, long localSteps, long roundSteps, long rounds) {}

  /** One epoch's running figures; {@link #afterRound} is the bookkeeping every round gets, in either transport. */
  private final class EpochTally {
    final int epoch;
    final Schedule schedule;
    final long started = System.nanoTime();
    EvalStats trained;
    long computeNanos;
    long updateNanos;
    long aggregateNanos; // streamed steps only: the driver adding partitions' sums
    long broadcastNanos; // streamed steps only: the driver sending the new state to every task
    long serializeNanos; // streamed steps only: the driver turning arrays into bytes and back
    long taskSerializeNanos; // the same by the tasks, summed over partitions
    EvalStats validated; // the validation set's figures when the stage's tasks evaluated it, else null
    long validationNanos; // the time they took, not counted as training

    EpochTally(int epoch, Schedule schedule, EvalStats trained) {
      this.epoch = epoch;
      this.schedule = schedule;
      this.trained = trained;
    }

    /**
     * After round {@code r} (0-based) was applied: tallies, progress, the divergence check, and a mid-epoch
     * checkpoint every {@code training.checkpoint_every} steps.
     */
    void afterRound(long r, Contribution c, ParameterServer server, EpochListener listener) {
      Schedule s = schedule;
      computeNanos += c.computeNanos();
      trained = trained.plus(c.stats());
      listener.onRound(new RoundProgress(epoch + 1, r + 1, s.rounds(), Math.min(s.localSteps(), (r + 1) * s.roundSteps()),
          s.localSteps(), trained, System.nanoTime() - started));
      String bad = divergence(c.stats().lossSum(), server.paramsFinite(), server.state().buffers());
      if (bad != null) {
        String where = sync.isGradient() ? "step " + (epoch * s.steps() + r + 1)
            : "round " + (r + 1) + " of " + s.rounds() + " (local steps " + (r * s.roundSteps() + 1) + "-"
                + Math.min(s.localSteps(), (r + 1) * s.roundSteps()) + ")";
        throw new DivergedException(epoch + 1, "training diverged in epoch " + (epoch + 1) + ", " + where + ": "
            + bad + "; the last good checkpoint (" + lastCheckpoint + ") is kept; try a lower optimizer.lr");
      }
      int hashEvery = plan.settings().hashEvery();
      if (hashEvery > 0 && (r + 1) * s.roundSteps() / hashEvery > r * s.roundSteps() / hashEvery) {
        long perEpoch = sync.isGradient() ? s.steps() : s.localSteps();
        listener.onStepHash(epoch + 1, epoch * perEpoch + Math.min(perEpoch, (r + 1) * s.roundSteps()),
            server.state());
      }
      int every = plan.settings().checkpointEvery();
      if (every > 0 && r + 1 < s.rounds() && (r + 1) * s.roundSteps() / every > r * s.roundSteps() / every) {
        listener.onMidEpoch(epoch, sync.isGradient() ? epoch * s.steps() + r + 1 : epoch * s.steps(),
            new EpochCursor(r + 1, trained.lossSum(), trained.samples(), trained.correct(), trained.judged()),
            server.state(), server.optState());
        lastCheckpoint = checkpointName(epoch, r + 1, s);
      }
    }
  }

  /**
   * The barrier stage for the streamed epochs from {@code epoch}: all the remaining ones, its tasks evaluating the
   * validation set after each; one epoch only with {@code -Dsparknn.step.stagePerEpoch=true}, or when the validation
   * set is not partitioned like the training set (then a Spark job evaluates it between the stages).
   */
  private StreamedSteps launchStage(Inputs in, StepServer stepServer, int epoch, Schedule s) {
    int last = stagePerEpoch(in) ? epoch : plan.settings().epochs() - 1;
    sc.setJobGroup(runName, "sparknn " + runName + ": " + (last > epoch ? "epochs " + (epoch + 1) + "-" + (last + 1)
        : "epoch " + (epoch + 1)) + " (streamed " + (sync.isGradient() ? "steps" : "rounds") + ")", true);
    return StreamedSteps.launch(in.train(), validatedInStage(in) ? in.validation() : null, plan, stepServer, epoch,
        last, sync.isGradient() ? 0 : (int) s.roundSteps());
  }

  private static boolean stagePerEpoch(Inputs in) {
    return Boolean.getBoolean("sparknn.step.stagePerEpoch")
        || in.validation() != null && !StreamedSteps.canValidate(in.train(), in.validation());
  }

  /** Whether the streamed tasks evaluate the validation set (Spark's slots are theirs for the stage's epochs). */
  private static boolean validatedInStage(Inputs in) {
    return in.validation() != null && !stagePerEpoch(in);
  }

  /** An epoch of {@code sync = step} (or {@code sync = N}) whose tasks exchange every step (or round). */
  private void streamedEpoch(StreamedSteps stage, ParameterServer server, EpochTally tally, long firstRound,
      EpochListener listener) throws IOException {
    Schedule s = tally.schedule;
    long rounds = sync.isGradient() ? s.steps() : s.rounds();
    StepServer.EpochResult r = stage.epoch(server, tally.epoch, firstRound, rounds,
        (round, total) -> tally.afterRound(round, total, server, listener));
    tally.updateNanos += r.updateNanos();
    tally.aggregateNanos += r.aggregateNanos();
    tally.broadcastNanos += r.broadcastNanos();
    tally.serializeNanos += r.serializeNanos();
    tally.taskSerializeNanos += r.taskSerializeNanos();
    tally.validated = r.validation();
    tally.validationNanos = r.validationNanos();
  }

  /** An epoch as a Spark job per round: one global step ({@code sync = step}) or N local steps (averaging). */
  private void roundsEpoch(Inputs in, ParameterServer server, EpochTally tally, long firstRound,
      EpochListener listener) {
    Schedule s = tally.schedule;
    int epoch = tally.epoch;
    for (long r = firstRound; r < s.rounds(); r++) {
      sc.setJobGroup(runName, "sparknn " + runName + ": epoch " + (epoch + 1) + " round " + (r + 1) + "/" + s.rounds()
          + (sync.isGradient() ? " (step " + (epoch * s.steps() + r + 1) + ")" : ""), false);
      Contribution c = sync.isGradient()
          ? Rounds.gradient(sc, in.train(), plan, server.state(), epoch, r, epoch * s.steps() + r)
          : Rounds.average(sc, in.train(), plan, server.state(), server.optState(), epoch, r, r * s.roundSteps(),
              (int) s.roundSteps());
      long beforeUpdate = System.nanoTime();
      if (sync.isGradient()) server.applyGradient(c); else server.applyAverage(c);
      tally.updateNanos += System.nanoTime() - beforeUpdate;
      tally.afterRound(r, c, server, listener);
    }
  }

  /**
   * The step server for {@code sync = step} or {@code sync = N} when the partitions can all run at once (see
   * {@link StreamedSteps}), else null: one Spark job per step or round. {@code -Dsparknn.step.transport=jobs}
   * forces the latter.
   */
  private StepServer streamed(Inputs in, int partitions) throws IOException {
    boolean stagePerEpoch = stagePerEpoch(in);
    if (!streamable(sync)) return null;
    if (!StreamedSteps.possible(sc, partitions)) {
      System.err.printf("note: %d partitions but %d task slots; sync = %s runs one Spark job per %s (slower)%n",
          partitions, sc.defaultParallelism(), sync.isGradient() ? "step" : sync.steps(),
          sync.isGradient() ? "step" : "round");
      return null;
    }
    // Like Spark's own driver endpoints: listen on the bind address, advertise the driver host to executors.
    String host = sc.getConf().get("spark.driver.host", java.net.InetAddress.getLocalHost().getHostAddress());
    String bind = sc.getConf().get("spark.driver.bindAddress", host);
    boolean inMemory = inMemory(sc);
    StepServer server = new StepServer(bind, host, Duration.ofSeconds(Long.getLong("sparknn.step.timeout.seconds",
        600)), inMemory);
    System.out.printf("sync = %s streamed: one Spark stage %s, its %d tasks exchange every %s with the "
        + "driver %s%n", sync.isGradient() ? "step" : sync.steps(), stagePerEpoch
        ? "per epoch" : "for all epochs" + (in.validation() == null ? "" : " (its tasks also validate)"),
        partitions,
        sync.isGradient() ? "step" : "round", inMemory ? "in memory (local mode: the tasks run in this JVM)"
        : "at " + host + ":" + server.address().port());
    return server;
  }

  /**
   * Whether training with {@code sync} on {@code partitions} streams its steps or rounds and exchanges them in
   * memory (local mode), as {@link #train} will decide.
   */
  public static boolean exchangesInMemory(JavaSparkContext sc, SyncMode sync, int partitions) {
    return streamable(sync) && StreamedSteps.possible(sc, partitions) && inMemory(sc);
  }

  /** Epoch averaging runs a job per epoch (nothing worth saving); -Dsparknn.step.transport=jobs asks for jobs. */
  private static boolean streamable(SyncMode sync) {
    return sync.kind() != SyncMode.Kind.EPOCH && !"jobs".equals(System.getProperty("sparknn.step.transport", "stream"));
  }

  /** In local mode the tasks run in this JVM and exchange in memory; -Dsparknn.step.inmemory=false keeps the socket. */
  private static boolean inMemory(JavaSparkContext sc) {
    return sc.isLocal() && Boolean.parseBoolean(System.getProperty("sparknn.step.inmemory", "true"));
  }

  /** How the divergence message names a checkpoint taken after {@code roundsDone} rounds of 0-based epoch e. */
  private String checkpointName(int epoch, long roundsDone, Schedule s) {
    if (roundsDone == 0) return "epoch " + epoch;
    return "epoch " + (epoch + 1) + (sync.isGradient() ? ", step " + (epoch * s.steps() + roundsDone)
        : ", round " + roundsDone + " (local step " + roundsDone * s.roundSteps() + ")");
  }

  /**
   * What is not finite after a round, or null: the round's summed training loss, else the parameters (the
   * parameter server checks them as it updates) or the buffers.
   */
  static String divergence(double lossSum, boolean paramsFinite, float[] buffers) {
    if (!Double.isFinite(lossSum)) return "the training loss is " + lossSum;
    if (!paramsFinite) return "a parameter is NaN or infinite";
    if (!Finite.all(buffers)) return "a layer buffer is NaN or infinite";
    return null;
  }

  /** The final model state and optimizer state. */
  public record ParameterServerState(ModelState state, OptState optState) {}

  /**
   * Local steps per epoch of the longest trajectory (averaging modes): the largest shard's in deterministic mode
   * (one trajectory per shard), else the partition holding the most samples.
   */
  private long longestLocalEpoch(JavaRDD<ShardBlock> train) {
    if (plan.settings().deterministic()) {
      int largest = new org.sparknn.data.EpochOrder(plan.totalSamples(), plan.settings().shards(), 0, 0, false)
          .shardSize(0);
      return PartitionTrainer.localSteps(plan.settings().batchSize(), largest, plan.totalSamples());
    }
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
