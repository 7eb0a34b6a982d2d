package org.sparknn.optim;

import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Runs an element-wise loop over [0, n) as contiguous slices, in parallel on the common fork-join pool (and the
 * calling thread) when asked and n is large enough to pay for the hand-off; slices start at multiples of 64 so
 * vector loops stay aligned the same way as in one pass.
 */
final class ParallelSlices {
  /** Below this many elements per slice, a thread hand-off (tens of microseconds) costs more than it saves. */
  static final int MIN_SLICE = 1 << 15;

  interface Slice {
    void run(int lo, int hi);
  }

  private ParallelSlices() {}

  static void run(int n, boolean parallel, Slice slice) {
    int slices = parallel ? Math.min(ForkJoinPool.getCommonPoolParallelism() + 1, n / MIN_SLICE) : 1;
    if (slices <= 1) {
      slice.run(0, n);
      return;
    }
    int per = ((n + slices - 1) / slices + 63) & ~63;
    IntStream.range(0, slices).parallel().forEach(k -> {
      int lo = Math.min(n, k * per);
      int hi = Math.min(n, lo + per);
      if (lo < hi) slice.run(lo, hi);
    });
  }
}
