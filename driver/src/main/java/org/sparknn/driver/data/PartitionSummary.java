package org.sparknn.driver.data;

import java.util.Iterator;
import java.util.List;
import org.sparknn.data.Block;

/**
 * What one partition of blocks holds: its sample count, the block shape (0 widths when empty) and its largest
 * label. One per partition comes back to the driver when a data set is first counted; public for Kryo.
 */
public record PartitionSummary(long rows, int features, int labelWidth, float maxLabel) {
  static final PartitionSummary EMPTY = new PartitionSummary(0, 0, 0, Float.NEGATIVE_INFINITY);

  /** Summarises a partition; blocks of different shapes in one data set are a reader bug, not a data error. */
  static Iterator<PartitionSummary> of(Iterator<Block> blocks) {
    PartitionSummary s = EMPTY;
    while (blocks.hasNext()) s = s.plus(blocks.next());
    return List.of(s).iterator();
  }

  PartitionSummary plus(Block b) {
    if (rows > 0 && (b.features() != features || b.labelWidth() != labelWidth)) {
      throw new IllegalStateException("block of " + b.features() + "+" + b.labelWidth() + " columns after blocks of "
          + features + "+" + labelWidth);
    }
    float max = maxLabel;
    for (int i = 0, n = b.rows() * b.labelWidth(); i < n; i++) max = Math.max(max, b.y()[i]);
    return new PartitionSummary(rows + b.rows(), b.features(), b.labelWidth(), max);
  }
}
