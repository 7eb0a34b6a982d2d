package org.sparknn.driver.train;

import org.apache.spark.Partitioner;

/** Places logical shard k in partition floor(k P / S): whole shards, contiguous, as balanced as S and P allow. */
final class ShardPartitioner extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final int shards;
  private final int partitions;

  ShardPartitioner(int shards, int partitions) {
    if (partitions <= 0 || partitions > shards) {
      throw new IllegalArgumentException("training.partitions must be between 1 and training.shards (" + shards
          + "): partitions hold whole shards; got " + partitions);
    }
    this.shards = shards;
    this.partitions = partitions;
  }

  @Override
  public int numPartitions() {
    return partitions;
  }

  @Override
  public int getPartition(Object key) {
    return (int) ((long) (Integer) key * partitions / shards);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ShardPartitioner p && p.shards == shards && p.partitions == partitions;
  }

  @Override
  public int hashCode() {
    return 31 * shards + partitions;
  }
}
