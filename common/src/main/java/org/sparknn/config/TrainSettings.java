package org.sparknn.config;

import org.sparknn.spec.Require;

/**
 * How long and in what order to train: {@code epochs} passes, mini-batches of {@code batchSize} samples (the global
 * batch; the last batch of an epoch may be shorter), samples reshuffled every epoch from {@code seed} when
 * {@code shuffle} is on, within {@code shards} logical shards (see {@link org.sparknn.data.EpochOrder}; a Spark
 * job's partitions hold whole shards, so there can be at most this many). {@code checkpointEvery}: a mid-epoch
 * checkpoint every that many steps (0: only the one after each epoch). {@code deterministic}: compute per logical
 * shard and combine shards in a fixed tree by shard id, so the trained model does not depend on the partition count
 * (see README, "Reproducible training"). {@code hashEvery}: log the parameters' SHA-256 every that many steps (0:
 * only in each epoch's metrics record).
 */
public record TrainSettings(int epochs, int batchSize, long seed, boolean shuffle, int shards, int checkpointEvery,
    boolean deterministic, int hashEvery) implements java.io.Serializable {
  public static final int DEFAULT_SHARDS = 16;
  public static final boolean DEFAULT_DETERMINISTIC = false;

  public TrainSettings {
    Require.positive("training.epochs", epochs);
    Require.positive("training.batch_size", batchSize);
    Require.positive("training.shards", shards);
    Require.nonNegative("training.checkpoint_every", checkpointEvery);
    Require.nonNegative("training.hash_every", hashEvery);
  }

  public TrainSettings(int epochs, int batchSize, long seed, boolean shuffle, int shards, int checkpointEvery) {
    this(epochs, batchSize, seed, shuffle, shards, checkpointEvery, DEFAULT_DETERMINISTIC, 0);
  }

  public TrainSettings(int epochs, int batchSize, long seed, boolean shuffle, int shards) {
    this(epochs, batchSize, seed, shuffle, shards, 0);
  }

  public TrainSettings(int epochs, int batchSize, long seed, boolean shuffle) {
    this(epochs, batchSize, seed, shuffle, DEFAULT_SHARDS);
  }
}
