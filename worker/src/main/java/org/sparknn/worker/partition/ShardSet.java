package org.sparknn.worker.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import org.sparknn.data.Block;
import org.sparknn.data.EpochOrder;
import org.sparknn.data.ShardBlock;

/**
 * The whole logical shards one partition holds, with O(log blocks) lookup of any member's row. Checks on
 * construction that every held shard is complete (members 0..size-1, each once), so a partitioning that split a
 * shard fails here instead of silently training on part of the data.
 */
public final class ShardSet {
  private final int shards;
  private final long totalSamples;
  private final int[] held;              // ascending shard ids
  private final ShardBlock[][] byShard;  // byShard[k]: blocks of shard k sorted by firstMember (null if not held)
  private final int features;
  private final int labelWidth;
  private final long heldSamples;

  public ShardSet(List<ShardBlock> blocks, long totalSamples, int shards) {
    if (blocks.isEmpty()) throw new IllegalArgumentException("a partition must hold at least one shard");
    this.shards = shards;
    this.totalSamples = totalSamples;
    EpochOrder sizes = new EpochOrder(totalSamples, shards, 0, 0, false);
    List<List<ShardBlock>> grouped = new ArrayList<>();
    for (int k = 0; k < shards; k++) grouped.add(new ArrayList<>());
    TreeSet<Integer> ids = new TreeSet<>();
    for (ShardBlock b : blocks) {
      if (b.shard() >= shards) throw new IllegalArgumentException("shard " + b.shard() + " >= shard count " + shards);
      grouped.get(b.shard()).add(b);
      ids.add(b.shard());
    }
    this.held = ids.stream().mapToInt(Integer::intValue).toArray();
    this.byShard = new ShardBlock[shards][];
    long count = 0;
    for (int k : held) {
      List<ShardBlock> list = grouped.get(k);
      list.sort(Comparator.comparingInt(ShardBlock::firstMember));
      int next = 0;
      for (ShardBlock b : list) {
        if (b.firstMember() != next) {
          throw new IllegalStateException("shard " + k + ": expected member " + next + " next, found a block at "
              + b.firstMember());
        }
        next = b.endMember();
      }
      if (next != sizes.shardSize(k)) {
        throw new IllegalStateException("shard " + k + " holds " + next + " members, expected " + sizes.shardSize(k));
      }
      byShard[k] = list.toArray(new ShardBlock[0]);
      count += next;
    }
    Block first = blocks.get(0).block();
    this.features = first.features();
    this.labelWidth = first.labelWidth();
    this.heldSamples = count;
  }

  /**
   * First shard of partition p of P when shard k lives in partition floor(k P / S) (ShardPartitioner's placement):
   * ceil(p S / P). Partition p holds [firstShard(p), firstShard(p + 1)).
   */
  public static int firstShard(int partition, int partitions, int shards) {
    return (int) (((long) partition * shards + partitions - 1) / partitions);
  }

  public int shards() {
    return shards;
  }

  public long totalSamples() {
    return totalSamples;
  }

  public int features() {
    return features;
  }

  public int labelWidth() {
    return labelWidth;
  }

  public long heldSamples() {
    return heldSamples;
  }

  public boolean holds(int shard) {
    return byShard[shard] != null;
  }

  /** Held shard ids, ascending. */
  public int[] heldShards() {
    return held.clone();
  }

  /** Copies member {@code member} of shard {@code shard} into row {@code row} of {@code target}. */
  public void copyMember(int shard, int member, Block target, int row) {
    ShardBlock[] blocks = byShard[shard];
    int lo = 0;
    int hi = blocks.length - 1;
    while (lo < hi) { // last block with firstMember <= member
      int mid = (lo + hi + 1) >>> 1;
      if (blocks[mid].firstMember() <= member) lo = mid; else hi = mid - 1;
    }
    ShardBlock b = blocks[lo];
    target.copyRowFrom(b.block(), member - b.firstMember(), row);
  }
}
