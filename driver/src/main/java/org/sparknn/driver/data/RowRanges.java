package org.sparknn.driver.data;

import org.apache.spark.Partitioner;

/**
 * Sends a block piece, keyed by the data set row it starts at, to the partition whose row range holds it: rows
 * [first, end) are cut into {@code partitions} consecutive ranges whose sizes differ by at most one,
 * {@code bound(p) = first + floor(p * count / partitions)}. Contiguous ranges keep data set order across partitions.
 */
final class RowRanges extends Partitioner {
  private static final long serialVersionUID = 1L;
  private final long[] bounds;

  RowRanges(long first, long end, int partitions) {
    bounds = new long[partitions + 1];
    long count = end - first;
    for (int p = 0; p <= partitions; p++) bounds[p] = first + Math.multiplyExact(p, count) / partitions;
  }

  /** Where partition {@code p} starts; {@code bound(partitions)} is the end. */
  long bound(int p) {
    return bounds[p];
  }

  long rows(int p) {
    return bounds[p + 1] - bounds[p];
  }

  @Override
  public int numPartitions() {
    return bounds.length - 1;
  }

  /** The last partition starting at or before {@code key}; ranges may be empty when there are fewer rows. */
  @Override
  public int getPartition(Object key) {
    long row = (Long) key;
    if (row < bounds[0] || row >= bounds[bounds.length - 1]) {
      throw new IllegalArgumentException("row " + row + " outside [" + bounds[0] + ", " + bounds[bounds.length - 1] + ")");
    }
    int lo = 0;
    int hi = bounds.length - 2;
    while (lo < hi) { // invariant: bounds[lo] <= row, and the answer is in [lo, hi]
      int mid = (lo + hi + 1) >>> 1;
      if (bounds[mid] <= row) lo = mid; else hi = mid - 1;
    }
    return lo;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RowRanges r && java.util.Arrays.equals(bounds, r.bounds);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(bounds);
  }
}
