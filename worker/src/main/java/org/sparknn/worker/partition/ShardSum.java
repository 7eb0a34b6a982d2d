package org.sparknn.worker.partition;

/**
 * The contribution of logical shards [lo, hi): in deterministic mode a node of the {@link ShardTree}, otherwise one
 * partition's whole shard range (partitions hold contiguous ranges, so shard order is partition order).
 */
public record ShardSum(int lo, int hi, Contribution sum) {
  public ShardSum {
    if (lo < 0 || hi <= lo) throw new IllegalArgumentException("bad shard range [" + lo + ", " + hi + ")");
  }
}
