package org.sparknn.simd;

/**
 * Whether every value of a float array is finite, as fast as memory allows: the divergence check reads the whole
 * model after every step. x * 0 is 0 for a finite x and NaN for NaN or an infinity, so a sum of such products is 0
 * exactly when all are finite. Scalar: four independent sums (one running sum waits on each add); in vectors
 * where {@link VectorSupport#ENABLED}: about three times faster again (1.9M floats: 0.47 ms scalar, 0.15 vector).
 */
public final class Finite {
  private Finite() {}

  public static boolean all(float[] v) {
    return all(v, 0, v.length);
  }

  /** Whether v[lo, hi) are all finite. */
  public static boolean all(float[] v, int lo, int hi) {
    return VectorSupport.ENABLED ? FiniteVector.all(v, lo, hi) : scalar(v, lo, hi);
  }

  static boolean scalar(float[] v, int lo, int hi) {
    float a0 = 0;
    float a1 = 0;
    float a2 = 0;
    float a3 = 0;
    int i = lo;
    for (; i <= hi - 4; i += 4) {
      a0 += v[i] * 0f;
      a1 += v[i + 1] * 0f;
      a2 += v[i + 2] * 0f;
      a3 += v[i + 3] * 0f;
    }
    for (; i < hi; i++) a0 += v[i] * 0f;
    return a0 + a1 + a2 + a3 == 0f;
  }
}
