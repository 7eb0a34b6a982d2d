package org.sparknn.data;

import org.sparknn.random.CounterRandom;
import org.sparknn.random.Permutation;
import org.sparknn.random.RandomPurpose;

/**
 * The order in which one epoch visits the samples, defined through logical shards so that it can be computed
 * shard by shard wherever the shards happen to live.
 *
 * <p>Sample i belongs to shard {@code i mod S}, as its member {@code i div S}. Each epoch permutes every shard's
 * members with a stream keyed by (seed, epoch, shard), and the epoch's sequence interleaves the shards round-robin:
 * position {@code p = t S + k} holds shard k's t-th member in that permutation. Because shard sizes differ by at
 * most one (smaller shards last), the positions 0..N-1 are covered exactly. Mini-batch s is positions
 * [sB, sB + B). A process that holds only some shards finds its rows of any batch from its own shards'
 * permutations; none needs the whole data set's permutation. Without shuffling the sequence is 0, 1, 2, ...
 */
public final class EpochOrder {
  private final long samples;
  private final int shards;
  private final long seed;
  private final long epoch;
  private final boolean shuffle;
  private final int[][] permutations;

  public EpochOrder(long samples, int shards, long seed, long epoch, boolean shuffle) {
    if (samples < 0) throw new IllegalArgumentException("samples must be >= 0, got " + samples);
    if (shards <= 0) throw new IllegalArgumentException("shards must be positive, got " + shards);
    if ((samples + shards - 1) / shards > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(samples + " samples in " + shards + " shards: a shard holds at most 2^31");
    }
    this.samples = samples;
    this.shards = shards;
    this.seed = seed;
    this.epoch = epoch;
    this.shuffle = shuffle;
    this.permutations = new int[shards][];
  }

  public long samples() {
    return samples;
  }

  public int shards() {
    return shards;
  }

  /** Members of shard k: ceil((N - k) / S). */
  public int shardSize(int k) {
    return samples <= k ? 0 : (int) ((samples - k + shards - 1) / shards);
  }

  /** Shard of the sample at {@code position} in this epoch's sequence. */
  public int shardAt(long position) {
    return (int) (position % shards);
  }

  /** Member index (within its shard) of the sample at {@code position}. */
  public int memberAt(long position) {
    int k = shardAt(position);
    int t = (int) (position / shards);
    return shuffle ? permutation(k)[t] : t;
  }

  /** Global index of the sample at {@code position}: member m of shard k is sample k + m S. */
  public long sampleAt(long position) {
    return shardAt(position) + (long) memberAt(position) * shards;
  }

  /** Positions of a whole epoch as sample indices (for in-memory data sets). */
  public int[] sequence() {
    if (samples > Integer.MAX_VALUE) throw new IllegalStateException("too many samples for an int sequence");
    int[] order = new int[(int) samples];
    for (int p = 0; p < order.length; p++) order[p] = (int) sampleAt(p);
    return order;
  }

  // synchronized: one order is shared by the task threads of an executor; the lock is uncontended in practice
  private synchronized int[] permutation(int k) {
    int[] perm = permutations[k];
    if (perm == null) {
      perm = Permutation.of(shardSize(k), CounterRandom.key(seed, RandomPurpose.SHUFFLE, epoch, k));
      permutations[k] = perm;
    }
    return perm;
  }
}
