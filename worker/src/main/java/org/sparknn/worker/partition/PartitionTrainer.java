package org.sparknn.worker.partition;

import org.sparknn.config.TrainSettings;
import org.sparknn.data.Block;
import org.sparknn.data.EpochOrder;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * One partition's work in a synchronisation round, given the shards it holds and the current model.
 * <ul>
 *   <li>{@link #gradientStep}: the gradient of the summed loss over this partition's rows of one global batch
 *       (positions [sB, sB + B) of the epoch order); summed over partitions it is the whole batch's gradient.</li>
 *   <li>{@link #localRound}: local SGD: a run of steps over this partition's own rows, in epoch order, with its
 *       share of the global batch per step; returns parameters and optimizer state weighted for averaging.</li>
 * </ul>
 * The network is compiled by the caller (and reused across tasks); this class holds only step buffers.
 */
public final class PartitionTrainer {
  private final Network net;
  private final OptimizerSpec optimizer;
  private final TrainSettings settings;
  // gradientStep's batch rows and sample ids: scratch allocated on first use, reused by every later step
  private Block batch;
  private long[] ids;

  public PartitionTrainer(Network net, OptimizerSpec optimizer, TrainSettings settings) {
    this.net = net;
    this.optimizer = optimizer;
    this.settings = settings;
  }

  /** This partition's rows per local step in averaging mode: its share of the global batch, at least 1. */
  public static int localBatch(int globalBatch, long held, long total) {
    return (int) Math.max(1, Math.round((double) globalBatch * held / total));
  }

  /** Local steps one epoch takes on a partition holding {@code held} of {@code total} samples. */
  public static long localSteps(int globalBatch, long held, long total) {
    int b = localBatch(globalBatch, held, total);
    return (held + b - 1) / b;
  }

  /** Contribution to global step {@code step} of {@code epoch} (an empty one if no row of it is held here). */
  public Contribution gradientStep(ShardSet data, ModelState state, int epoch, long step, long globalStep) {
    EpochOrder order = order(data, epoch);
    int batchSize = settings.batchSize();
    if (batch == null) {
      batch = Block.allocate(batchSize, data.features(), data.labelWidth());
      ids = new long[batchSize];
    }
    long start = step * batchSize;
    long end = Math.min(data.totalSamples(), start + batchSize);
    int rows = 0;
    for (long p = start; p < end; p++) {
      int k = order.shardAt(p);
      if (!data.holds(k)) continue;
      data.copyMember(k, order.memberAt(p), batch, rows);
      ids[rows++] = order.sampleAt(p);
    }
    if (rows == 0) return Contribution.empty();
    long started = System.nanoTime();
    ModelState local = new ModelState(state.params(), state.buffers().clone());
    float[] grads = new float[state.params().length];
    EvalStats stats = net.trainStep(batch.withRows(rows), local, grads,
        new StepContext(settings.seed(), epoch, globalStep, ids));
    return new Contribution(grads, new float[0], scaled(local.buffers(), rows), rows, stats, 0,
        System.nanoTime() - started);
  }

  /**
   * Runs local steps [firstStep, firstStep + steps) of {@code epoch} from copies of {@code state} and
   * {@code optState}; returns parameters, optimizer slots and buffers multiplied by the samples trained.
   */
  public Contribution localRound(ShardSet data, ModelState state, OptState optState, int epoch, long firstStep,
      int steps) {
    long started = System.nanoTime();
    long[] positions = localPositions(data, epoch);
    EpochOrder order = order(data, epoch);
    int b = localBatch(settings.batchSize(), data.heldSamples(), data.totalSamples());
    Block batch = Block.allocate(b, data.features(), data.labelWidth());
    long[] ids = new long[b];
    ModelState local = state.copy();
    OptState opt = optState.copy();
    Optimizer update = net.optimizer(optimizer); // on the network's device
    float[] grads = new float[local.params().length];
    EvalStats stats = EvalStats.EMPTY;
    long processed = 0;
    for (long t = firstStep; t < firstStep + steps; t++) {
      long start = t * b;
      if (start >= positions.length) break;
      int rows = (int) Math.min(b, positions.length - start);
      for (int r = 0; r < rows; r++) {
        long p = positions[(int) (start + r)];
        data.copyMember(order.shardAt(p), order.memberAt(p), batch, r);
        ids[r] = order.sampleAt(p);
      }
      stats = stats.plus(net.trainStep(batch.withRows(rows), local, grads,
          new StepContext(settings.seed(), epoch, t, ids)));
      float inv = 1f / rows;
      for (int i = 0; i < grads.length; i++) grads[i] *= inv;
      update.update(local.params(), grads, opt);
      processed += rows;
    }
    if (processed == 0) return Contribution.empty();
    return new Contribution(scaled(local.params(), processed), scaled(opt.slots(), processed),
        scaled(local.buffers(), processed), processed, stats, opt.step(), System.nanoTime() - started);
  }

  /** This partition's positions in the epoch sequence, ascending: held shards' positions t S + k, merged. */
  long[] localPositions(ShardSet data, int epoch) {
    EpochOrder order = order(data, epoch);
    int[] held = data.heldShards();
    long[] positions = new long[(int) data.heldSamples()];
    int n = 0;
    for (long t = 0; n < positions.length; t++) {
      for (int k : held) {
        if (t < order.shardSize(k)) positions[n++] = t * data.shards() + k;
      }
    }
    return positions;
  }

  private EpochOrder order(ShardSet data, int epoch) {
    if (data.shards() != settings.shards()) {
      throw new IllegalArgumentException("data is cut into " + data.shards() + " shards, training.shards is "
          + settings.shards());
    }
    return EpochOrders.get(data.totalSamples(), data.shards(), settings.seed(), epoch, settings.shuffle());
  }

  private static float[] scaled(float[] v, long weight) {
    float[] out = new float[v.length];
    float w = weight;
    for (int i = 0; i < v.length; i++) out[i] = v[i] * w;
    return out;
  }
}
