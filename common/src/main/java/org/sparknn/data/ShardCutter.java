package org.sparknn.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a block of consecutive samples (global indices base..base+rows-1, in file order) into one
 * {@link ShardBlock} per shard it touches: sample i goes to shard i mod S as member i div S, so the members of one
 * shard in one block are consecutive and the pieces can be regrouped by shard without sorting.
 */
public final class ShardCutter {
  private ShardCutter() {}

  public static List<ShardBlock> cut(Block block, long base, int shards) {
    if (base < 0) throw new IllegalArgumentException("base must be >= 0, got " + base);
    List<ShardBlock> pieces = new ArrayList<>(Math.min(shards, Math.max(block.rows(), 1)));
    long end = base + block.rows();
    for (int k = 0; k < shards; k++) {
      long first = base + Math.floorMod(k - base, shards); // first sample >= base in shard k
      if (first >= end) continue;
      int count = (int) ((end - first + shards - 1) / shards);
      Block piece = Block.allocate(count, block.features(), block.labelWidth());
      for (int r = 0; r < count; r++) piece.copyRowFrom(block, (int) (first - base) + r * shards, r);
      pieces.add(new ShardBlock(k, Math.toIntExact(first / shards), piece));
    }
    return pieces;
  }
}
