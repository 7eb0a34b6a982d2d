package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Normwise relative error, max |a - b| / max |b|, with an absolute floor for all-but-zero references; float
 * results that sum in different orders differ by a few units in the last place of the largest terms, not of
 * each value, so an elementwise relative test would be wrong near zero.
 */
final class Closeness {
  private Closeness() {}

  static double error(float[] actual, float[] expected, int n) {
    double diff = 0;
    double scale = 1e-6;
    for (int i = 0; i < n; i++) {
      diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
      scale = Math.max(scale, Math.abs(expected[i]));
    }
    return diff / scale;
  }

  static void assertClose(String what, float[] actual, float[] expected, int n, double tolerance) {
    double e = error(actual, expected, n);
    assertTrue(e <= tolerance, what + ": normwise relative error " + e + " > " + tolerance);
  }
}
