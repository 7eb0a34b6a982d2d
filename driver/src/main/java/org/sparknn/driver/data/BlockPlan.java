package org.sparknn.driver.data;

/**
 * How loaded samples are laid out on the cluster: at most {@code blockRows} samples per block and {@code partitions}
 * partitions of as equal a sample count as possible (they differ by at most one sample).
 */
public record BlockPlan(int blockRows, int partitions) {
  /** Samples per block as read: large enough for efficient BLAS and few objects, small next to executor memory. */
  public static final int DEFAULT_BLOCK_ROWS = 4096;

  /** The default block size over {@code partitions} partitions. */
  public static BlockPlan over(int partitions) {
    return new BlockPlan(DEFAULT_BLOCK_ROWS, partitions);
  }

  public BlockPlan {
    if (blockRows <= 0) throw new IllegalArgumentException("blockRows must be positive, got " + blockRows);
    if (partitions <= 0) throw new IllegalArgumentException("partitions must be positive, got " + partitions);
  }
}
