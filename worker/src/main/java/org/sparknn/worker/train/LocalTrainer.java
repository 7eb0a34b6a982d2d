package org.sparknn.worker.train;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.sparknn.config.TrainSettings;
import org.sparknn.data.Block;
import org.sparknn.data.EpochOrder;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Backend;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * Single-process mini-batch training: the reference the distributed trainer is tested against, and the engine of
 * benchmarks. Each epoch visits the samples in the order {@link #epochOrder} gives, in consecutive batches;
 * each step takes the gradient of the batch's mean loss and applies one optimizer update.
 */
public final class LocalTrainer {
  private final Backend backend;
  private final ModelSpec spec;
  private final OptimizerSpec optimizerSpec;
  private final TrainSettings settings;

  public LocalTrainer(Backend backend, ModelSpec spec, OptimizerSpec optimizerSpec, TrainSettings settings) {
    this.backend = backend;
    this.spec = spec;
    this.optimizerSpec = optimizerSpec;
    this.settings = settings;
  }

  /** The trained state, the optimizer state and every epoch's report. */
  public record Result(ModelState state, OptState optState, List<EpochReport> epochs) {}

  /**
   * Trains from {@code initial} (left untouched) on {@code train}; evaluates on {@code validation} after each epoch
   * when it is not null, and passes each epoch's report to {@code onEpoch}.
   */
  public Result train(ModelState initial, Block train, Block validation, Consumer<EpochReport> onEpoch) {
    if (train.rows() == 0) throw new IllegalArgumentException("training data is empty");
    ModelState state = initial.copy();
    OptState optState = optimizerSpec.create().init(state.params().length);
    float[] grads = new float[state.params().length];
    int batchSize = settings.batchSize();
    Block batch = Block.allocate(batchSize, train.features(), train.labelWidth());
    List<EpochReport> reports = new ArrayList<>();
    long step = 0;
    try (Network net = backend.compile(spec, batchSize)) {
      Optimizer optimizer = net.optimizer(optimizerSpec); // on the network's device
      for (int epoch = 0; epoch < settings.epochs(); epoch++) {
        int[] order = epochOrder(train.rows(), epoch);
        EvalStats trained = EvalStats.EMPTY;
        long started = System.nanoTime();
        long steps = 0;
        long[] ids = new long[batchSize];
        for (int start = 0; start < order.length; start += batchSize) {
          int rows = Math.min(batchSize, order.length - start);
          for (int r = 0; r < rows; r++) {
            batch.copyRowFrom(train, order[start + r], r);
            ids[r] = order[start + r];
          }
          StepContext ctx = new StepContext(settings.seed(), epoch, step, ids);
          EvalStats s = net.trainStep(batch.withRows(rows), state, grads, ctx);
          optimizer.update(state.params(), grads, 1f / rows, optState); // the mean gradient
          trained = trained.plus(s);
          step++;
          steps++;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        EvalStats validated = validation == null ? null : Evaluation.of(net, state, validation);
        EpochReport report = new EpochReport(epoch + 1, steps, trained, validated, seconds);
        reports.add(report);
        onEpoch.accept(report);
      }
    }
    return new Result(state, optState, List.copyOf(reports));
  }

  /** Sample order of an epoch: the shard-interleaved order of {@link EpochOrder}, the same a Spark job uses. */
  public int[] epochOrder(int rows, int epoch) {
    return new EpochOrder(rows, settings.shards(), settings.seed(), epoch, settings.shuffle()).sequence();
  }
}
