package org.sparknn.driver.data;

import java.util.ArrayList;
import java.util.List;
import org.sparknn.data.Block;

/** A block set brought back to the test: its partitions' blocks, and all rows joined in order. */
record Collected(List<List<Block>> partitions) {
  static Collected of(BlockSet set) {
    int[] ids = java.util.stream.IntStream.range(0, set.partitions()).toArray();
    return new Collected(List.of(set.blocks().collectPartitions(ids)));
  }

  /** All rows of all partitions in partition order, as one block. */
  Block joined() {
    int rows = 0;
    int features = 0;
    for (List<Block> p : partitions) {
      for (Block b : p) {
        rows += b.rows();
        features = b.features();
      }
    }
    Block all = Block.allocate(rows, Math.max(features, 1), 1);
    int at = 0;
    for (List<Block> p : partitions) {
      for (Block b : p) {
        for (int r = 0; r < b.rows(); r++) all.copyRowFrom(b, r, at++);
      }
    }
    return all;
  }

  List<Integer> rowsPerPartition() {
    List<Integer> rows = new ArrayList<>();
    for (List<Block> p : partitions) rows.add(p.stream().mapToInt(Block::rows).sum());
    return rows;
  }
}
