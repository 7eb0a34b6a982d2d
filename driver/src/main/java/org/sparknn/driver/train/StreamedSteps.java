package org.sparknn.driver.train;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;
import org.sparknn.worker.partition.NetworkCache;
import org.sparknn.worker.partition.PartitionTrainer;
import org.sparknn.worker.partition.ShardSet;
import org.sparknn.worker.stream.StepWire;
import org.sparknn.worker.stream.StepWorker;
import org.sparknn.worker.train.Evaluation;
import scala.Function1;
import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * {@code sync = step} (or {@code sync = N}) epochs as one Spark barrier stage instead of one Spark job per step (or
 * round): every partition's task runs the stage's epochs, exchanging each step (or round) with the
 * {@link StepServer}. Barrier mode is what makes this safe: Spark starts all the tasks together (a step needs every
 * partition) and, when one fails, relaunches them all. One stage runs every remaining epoch: starting and ending a
 * stage cost 50-95 ms per epoch of B1. A validation set is evaluated by the same tasks after each epoch, each on
 * the validation partition of its own index (the stage zips the two data sets), so that no Spark job has to run
 * between epochs.
 */
final class StreamedSteps implements AutoCloseable {
  /** What one task of the stage holds: its training shards and its validation blocks (none without a set). */
  private record TaskInput(List<ShardBlock> train, List<Block> validation) implements Serializable {}

  private final StepServer server;
  private final StepServer.Stage stage;
  private final boolean averaging;
  private final boolean validates;
  private boolean finished;

  private StreamedSteps(StepServer server, StepServer.Stage stage, boolean averaging, boolean validates) {
    this.server = server;
    this.stage = stage;
    this.averaging = averaging;
    this.validates = validates;
  }

  /**
   * Whether every partition can hold a task slot at once (a barrier stage needs that), else training falls back to
   * one Spark job per step. Dynamic allocation is incompatible with barrier stages.
   */
  static boolean possible(JavaSparkContext sc, int partitions) {
    return partitions <= sc.defaultParallelism()
        && !sc.getConf().getBoolean("spark.dynamicAllocation.enabled", false);
  }

  /** Whether the stage's tasks can evaluate {@code validation}: one validation partition per training partition. */
  static boolean canValidate(JavaRDD<ShardBlock> data, JavaRDD<Block> validation) {
    return validation.getNumPartitions() == data.getNumPartitions();
  }

  /**
   * Starts the stage for epochs [firstEpoch, lastEpoch]: global steps when {@code roundSteps} is 0
   * ({@code sync = step}), else averaging rounds of {@code roundSteps} local steps ({@code sync = N}); with a
   * {@code validation} set (null: none; see {@link #canValidate}) its tasks evaluate it after every epoch.
   */
  static StreamedSteps launch(JavaRDD<ShardBlock> data, JavaRDD<Block> validation, TrainingPlan plan,
      StepServer server, int firstEpoch, int lastEpoch, int roundSteps) {
    int partitions = data.getNumPartitions();
    JavaRDD<TaskInput> inputs = validation == null
        ? data.mapPartitions(train -> List.of(new TaskInput(listed(train), List.of())).iterator(), true)
        : data.zipPartitions(validation, (train, held) -> List.of(new TaskInput(listed(train), listed(held)))
            .iterator());
    ClassTag<Long> longs = ClassTag$.MODULE$.apply(Long.class);
    RDD<Long> tasks = inputs.rdd().barrier().mapPartitions(task(plan, server.address(), partitions, firstEpoch,
        roundSteps, DistributedEvaluation.evalRows(plan.model())), false, longs);
    // Tasks return nothing (their work went to the step server). The shuffle behind them matters: Spark retries a
    // failed barrier stage only when it is a shuffle-map stage ("could not recover from a failed barrier
    // ResultStage"), so the barrier stage feeds an empty shuffle and a trivial result stage ends the job.
    JavaFutureAction<Void> job = new JavaRDD<>(tasks, longs).repartition(1).foreachAsync(nothing -> { });
    return new StreamedSteps(server, new StepServer.Stage(firstEpoch, lastEpoch, partitions, job), roundSteps > 0,
        validation != null);
  }

  private static <T> List<T> listed(java.util.Iterator<T> items) {
    List<T> out = new ArrayList<>();
    items.forEachRemaining(out::add);
    return out;
  }

  /** The last epoch this stage runs (0-based). */
  int lastEpoch() {
    return stage.lastEpoch();
  }

  /**
   * Runs rounds [firstRound, rounds) of {@code epoch} with the step server exchanging them and {@code ps} updating
   * the model, then the validation pass if the stage has a validation set; after the stage's last epoch, waits for
   * its job to end.
   */
  StepServer.EpochResult epoch(ParameterServer ps, int epoch, long firstRound, long rounds,
      StepServer.StepObserver observer) throws IOException {
    StepServer.EpochResult result = server.runEpoch(stage, epoch, firstRound, rounds, averaging, validates, ps,
        observer);
    if (epoch == stage.lastEpoch()) {
      try {
        stage.job().get();
        finished = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted during epoch " + (epoch + 1), e);
      } catch (ExecutionException e) {
        throw new IOException("epoch " + (epoch + 1) + ": the training job failed after its last step", e.getCause());
      }
    }
    return result;
  }

  /** Cancels the stage's job unless it ended after its last epoch (training stopped early, or failed). */
  @Override
  public void close() {
    if (!finished) stage.job().cancel(true);
  }

  /**
   * The task: this partition's shards, a cached network, and the step loop of {@link StepWorker}; validation blocks
   * are evaluated as {@link DistributedEvaluation} does, on a CPU network of {@code evalRows} rows.
   */
  private static Function1<scala.collection.Iterator<TaskInput>, scala.collection.Iterator<Long>> task(
      TrainingPlan plan, StepWorker.Server address, int partitions, int firstEpoch, int roundSteps, int evalRows) {
    return (Function1<scala.collection.Iterator<TaskInput>, scala.collection.Iterator<Long>> & Serializable)
        inputs -> {
          BarrierTaskContext context = BarrierTaskContext.get();
          TaskInput input = inputs.next();
          List<ShardBlock> held = input.train();
          StepWorker.Validation validation = input.validation().isEmpty() ? StepWorker.Validation.NONE : state -> {
            EvalStats sum = EvalStats.EMPTY;
            for (Block b : input.validation()) sum = sum.plus(Evaluation.of(NetworkCache.cpu(plan.model(), evalRows),
                state, b));
            return sum;
          };
          ShardSet set = held.isEmpty() ? null
              : new ShardSet(held, plan.totalSamples(), plan.settings().shards());
          // averaging: each partition trains at its share of the global batch (deterministic: one trajectory per
          // shard, at most the global batch), as in Rounds.average
          int rows = roundSteps == 0 || set == null || plan.settings().deterministic() ? plan.settings().batchSize()
              : PartitionTrainer.localBatch(plan.settings().batchSize(), set.heldSamples(), plan.totalSamples());
          Network net = NetworkCache.of(plan.backend(), plan.model(), rows);
          StepWire.Hello hello = new StepWire.Hello(context.partitionId(), partitions, firstEpoch,
              context.stageAttemptNumber());
          try {
            StepWorker.run(address, hello, set, new PartitionTrainer(net, plan.optimizer(), plan.settings()),
                plan.stepsPerEpoch(), roundSteps, validation, InjectedFault::maybeFail);
            return CollectionConverters.asScala(java.util.Collections.<Long>emptyIterator());
          } catch (IOException e) {
            throw new UncheckedIOException("partition " + context.partitionId() + ", stage of epoch "
                + (firstEpoch + 1) + ": step connection to the driver failed", e);
          }
        };
  }
}
