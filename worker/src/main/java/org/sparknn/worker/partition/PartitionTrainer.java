package org.sparknn.worker.partition;

import java.util.List;
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
 *
 * <p>{@link #gradientSums} and {@link #localSums} give the partition's part of a round as {@link ShardSum}s over
 * its shard range. With {@code training.deterministic} each logical shard is computed on its own (its rows of the
 * batch through their own trainStep; in averaging modes its own local trajectory) and the shards are added by the
 * {@link ShardTree}, so the result does not depend on which shards share a partition. Otherwise the partition
 * computes all its rows at once (larger, faster matrix products) and sends one sum for its range.
 */
public final class PartitionTrainer {
  private final Network net;
  private final OptimizerSpec optimizer;
  private final TrainSettings settings;
  // gradientStep's batch rows and sample ids: scratch allocated on first use, reused by every later step
  private Block batch;
  private long[] ids;
  // the batch rows assembled ahead by prepare(): for this epoch and step, or none (step -1)
  private int preparedEpoch;
  private long preparedStep = -1;
  private int preparedRows;
  private final ArrayPool pool = new ArrayPool();

  public PartitionTrainer(Network net, OptimizerSpec optimizer, TrainSettings settings) {
    this.net = net;
    this.optimizer = optimizer;
    this.settings = settings;
  }

  /** Logical shard count (training.shards). */
  public int shards() {
    return settings.shards();
  }

  /** Whether shard sums are tree nodes (training.deterministic). */
  public boolean deterministic() {
    return settings.deterministic();
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

  /**
   * This partition's part of global step {@code step}: shard sums over its shard range [lo, hi) ({@code data} may
   * be null when every shard of the range is empty). The arrays are reused by the next call: send them first.
   */
  public List<ShardSum> gradientSums(ShardSet data, int lo, int hi, ModelState state, int epoch, long step,
      long globalStep) {
    pool.reclaim();
    if (!settings.deterministic()) {
      Contribution c = data == null ? Contribution.empty()
          : gradientStep(data, state, epoch, step, globalStep, pool.take(state.params().length));
      return List.of(new ShardSum(lo, hi, c));
    }
    checkRange(data, lo, hi, epoch);
    return ShardTree.fromLeaves(lo, hi, settings.shards(),
        k -> data != null && data.holds(k) ? shardGradient(data, k, state, epoch, step, globalStep)
            : Contribution.empty());
  }

  /** Averaging round of local steps [firstStep, firstStep + steps) as shard sums over the range [lo, hi). */
  public List<ShardSum> localSums(ShardSet data, int lo, int hi, ModelState state, OptState optState, int epoch,
      long firstStep, int steps) {
    pool.reclaim();
    if (!settings.deterministic()) {
      Contribution c = data == null ? Contribution.empty()
          : localRound(data, data.heldShards(), state, optState, epoch, firstStep, steps);
      return List.of(new ShardSum(lo, hi, c));
    }
    checkRange(data, lo, hi, epoch);
    return ShardTree.fromLeaves(lo, hi, settings.shards(), k -> data != null && data.holds(k)
        ? localRound(data, new int[] {k}, state, optState, epoch, firstStep, steps) : Contribution.empty());
  }

  /** Shard k's rows of global batch {@code step} (positions p = k mod S), through one trainStep of their own. */
  private Contribution shardGradient(ShardSet data, int k, ModelState state, int epoch, long step, long globalStep) {
    EpochOrder order = order(data, epoch);
    allocateBatch(data);
    int shards = data.shards();
    long start = step * settings.batchSize();
    long end = Math.min(data.totalSamples(), start + settings.batchSize());
    int rows = 0;
    for (long p = start + Math.floorMod(k - start, (long) shards); p < end; p += shards) {
      data.copyMember(k, order.memberAt(p), batch, rows);
      ids[rows++] = order.sampleAt(p);
    }
    if (rows == 0) return Contribution.empty();
    long started = System.nanoTime();
    float[] buffers = pool.take(state.buffers().length);
    System.arraycopy(state.buffers(), 0, buffers, 0, buffers.length);
    float[] grads = pool.take(state.params().length);
    EvalStats stats = net.trainStep(batch.withRows(rows), new ModelState(state.params(), buffers), grads,
        new StepContext(settings.seed(), epoch, globalStep, ids));
    for (int i = 0; i < buffers.length; i++) buffers[i] *= rows;
    return new Contribution(grads, new float[0], buffers, rows, stats, 0, System.nanoTime() - started);
  }

  /** Shards held must be those of [lo, hi) with samples: a partitioning that split the range would lose data. */
  private void checkRange(ShardSet data, int lo, int hi, int epoch) {
    if (data == null) return; // a partition without data: its range has only empty shards (fewer samples than S)
    EpochOrder order = order(data, epoch);
    for (int k = lo; k < hi; k++) {
      if (order.shardSize(k) > 0 && !data.holds(k)) {
        throw new IllegalStateException("shard " + k + " is in this partition's range [" + lo + ", " + hi
            + ") but not here");
      }
    }
    for (int k : data.heldShards()) {
      if (k < lo || k >= hi) throw new IllegalStateException("shard " + k + " is outside [" + lo + ", " + hi + ")");
    }
  }

  private void allocateBatch(ShardSet data) {
    if (batch == null) {
      batch = Block.allocate(settings.batchSize(), data.features(), data.labelWidth());
      ids = new long[settings.batchSize()];
    }
  }

  /** Contribution to global step {@code step} of {@code epoch} (an empty one if no row of it is held here). */
  public Contribution gradientStep(ShardSet data, ModelState state, int epoch, long step, long globalStep) {
    return gradientStep(data, state, epoch, step, globalStep, new float[state.params().length]);
  }

  /**
   * {@link #gradientStep} into {@code grads}. A streamed epoch passes the same array every step: a fresh one per
   * step (megabytes for wide layers) made the JVM collect garbage all the time.
   */
  private Contribution gradientStep(ShardSet data, ModelState state, int epoch, long step, long globalStep,
      float[] grads) {
    int rows = epoch == preparedEpoch && step == preparedStep ? preparedRows : assemble(data, epoch, step);
    preparedStep = -1;
    if (rows == 0) return Contribution.empty();
    long started = System.nanoTime();
    ModelState local = new ModelState(state.params(), state.buffers().clone());
    EvalStats stats = net.trainStep(batch.withRows(rows), local, grads,
        new StepContext(settings.seed(), epoch, globalStep, ids));
    return new Contribution(grads, new float[0], scaled(local.buffers(), rows), rows, stats, 0,
        System.nanoTime() - started);
  }

  /**
   * Assembles this partition's rows of global step {@code step} of {@code epoch} ahead, so that the step's
   * {@link #gradientSums} need not: a streamed task calls it while the driver updates the model, time it would
   * otherwise spend waiting (a 32-row batch of B1 takes about 40 us of a 0.8 ms step). Only the gradient path
   * without {@code training.deterministic} uses it; elsewhere, and for a step asked for later, it changes nothing.
   */
  public void prepare(ShardSet data, int epoch, long step) {
    if (settings.deterministic() || data == null) return;
    preparedRows = assemble(data, epoch, step);
    preparedEpoch = epoch;
    preparedStep = step;
  }

  /** Copies this partition's rows of global step {@code step} into {@code batch} and {@code ids}; returns them. */
  private int assemble(ShardSet data, int epoch, long step) {
    EpochOrder order = order(data, epoch);
    int batchSize = settings.batchSize();
    allocateBatch(data);
    long start = step * batchSize;
    long end = Math.min(data.totalSamples(), start + batchSize);
    int rows = 0;
    for (long p = start; p < end; p++) {
      int k = order.shardAt(p);
      if (!data.holds(k)) continue;
      data.copyMember(k, order.memberAt(p), batch, rows);
      ids[rows++] = order.sampleAt(p);
    }
    return rows;
  }

  /**
   * Runs local steps [firstStep, firstStep + steps) of {@code epoch} from copies of {@code state} and
   * {@code optState}; returns parameters, optimizer slots and buffers multiplied by the samples trained.
   */
  public Contribution localRound(ShardSet data, ModelState state, OptState optState, int epoch, long firstStep,
      int steps) {
    pool.reclaim();
    return localRound(data, data.heldShards(), state, optState, epoch, firstStep, steps);
  }

  /** {@link #localRound} over the rows of {@code shards} (ascending, all held) only: one trajectory for them. */
  private Contribution localRound(ShardSet data, int[] shards, ModelState state, OptState optState, int epoch,
      long firstStep, int steps) {
    long started = System.nanoTime();
    long[] positions = localPositions(data, shards, epoch);
    EpochOrder order = order(data, epoch);
    int b = localBatch(settings.batchSize(), positions.length, data.totalSamples());
    Block batch = Block.allocate(b, data.features(), data.labelWidth());
    long[] ids = new long[b];
    // every array below comes from the pool: a round of a wide model would otherwise allocate tens of megabytes
    ModelState local = new ModelState(copied(state.params()), copied(state.buffers()));
    float[][] slots = new float[optState.slotCount()][];
    for (int k = 0; k < slots.length; k++) slots[k] = copied(optState.slot(k));
    OptState opt = new OptState(optState.step(), optState.size(), slots);
    Optimizer update = net.optimizer(optimizer); // on the network's device
    float[] grads = pool.take(local.params().length);
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
      update.update(local.params(), grads, 1f / rows, opt); // the mean gradient
      processed += rows;
    }
    if (processed == 0) return Contribution.empty();
    scale(local.params(), processed);
    float[] optSlots = pool.take(opt.valueCount()); // contributions carry the blocks flat, for averaging
    opt.copyFlatInto(optSlots);
    scale(optSlots, processed);
    scale(local.buffers(), processed);
    return new Contribution(local.params(), optSlots, local.buffers(), processed, stats, opt.step(),
        System.nanoTime() - started);
  }

  private float[] copied(float[] v) {
    float[] out = pool.take(v.length);
    System.arraycopy(v, 0, out, 0, v.length);
    return out;
  }

  private static void scale(float[] v, long weight) {
    float w = weight;
    for (int i = 0; i < v.length; i++) v[i] *= w;
  }

  /** This partition's positions in the epoch sequence, ascending: held shards' positions t S + k, merged. */
  long[] localPositions(ShardSet data, int epoch) {
    return localPositions(data, data.heldShards(), epoch);
  }

  private long[] localPositions(ShardSet data, int[] held, int epoch) {
    EpochOrder order = order(data, epoch);
    long count = 0;
    for (int k : held) count += order.shardSize(k);
    long[] positions = new long[(int) count];
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
