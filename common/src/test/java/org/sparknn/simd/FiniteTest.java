package org.sparknn.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The divergence scan, scalar and vector: any NaN or infinity anywhere in the range (unrolled body and tail), and
 * nothing outside it or finite (the extremes included) counts.
 */
class FiniteTest {
  private interface Scan {
    boolean all(float[] v, int lo, int hi);
  }

  @Test
  void theTestJvmHasTheVectorModule() {
    assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(),
        "surefire's argLine must pass --add-modules=jdk.incubator.vector, else the vector loops go untested");
  }

  @Test
  void scalarFindsEveryNonFiniteValueInItsRange() {
    check(Finite::scalar);
  }

  @Test
  void vectorFindsEveryNonFiniteValueInItsRange() {
    check(FiniteVector::all);
  }

  @Test
  void publicEntryAgreesWithTheScalarLoop() {
    check(Finite::all);
    assertTrue(Finite.all(new float[0]));
  }

  private static void check(Scan scan) {
    for (int length : new int[] {0, 1, 3, 4, 7, 15, 16, 17, 33, 1_001}) {
      float[] v = new float[length + 2]; // one value either side of the range
      for (int i = 0; i < v.length; i++) v[i] = i % 2 == 0 ? Float.MAX_VALUE : -Float.MIN_VALUE;
      int lo = 1;
      int hi = length + 1;
      assertTrue(scan.all(v, lo, hi), "finite values of length " + length);
      for (int at = 0; at < v.length; at++) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
          float keep = v[at];
          v[at] = bad;
          assertEquals(at < lo || at >= hi, scan.all(v, lo, hi), bad + " at " + at + ", range [1, " + hi + ")");
          v[at] = keep;
        }
      }
    }
  }
}
