package org.sparknn.worker.bench;

import java.util.Arrays;

/** The median of repeated timings: robust to the outliers a shared, noisy machine produces. */
final class Medians {
  private Medians() {}

  static double of(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
