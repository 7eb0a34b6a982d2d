package org.sparknn.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * ReLU's gradient, scalar and vector, bit for bit against the branch {@code v > 0 ? dY : 0}: random values with the
 * edge cases mixed in (zeros of both signs, subnormals, infinities, NaN in v and in dY), at lengths that leave every
 * tail size after the vectors.
 */
class ReluGradientTest {
  private static final float[] EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
      -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, 1e-30f, -1e-30f};

  private interface Gradient {
    void apply(float[] v, float[] dY, float[] dX, int n);
  }

  @Test
  void scalarEqualsTheBranch() {
    check((v, dY, dX, n) -> ReluGradient.scalar(v, dY, dX, 0, n));
  }

  @Test
  void vectorEqualsTheBranch() {
    check(ReluGradientVector::apply);
  }

  @Test
  void publicEntryEqualsTheBranch() {
    check(ReluGradient::apply);
  }

  private static void check(Gradient gradient) {
    Random random = new Random(5);
    for (int n : new int[] {0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 1_000, 10_007}) {
      for (int round = 0; round < 20; round++) {
        float[] v = new float[n + 1];
        float[] dY = new float[n + 1];
        for (int i = 0; i <= n; i++) {
          v[i] = i % 5 == 0 ? EDGES[(i / 5 + round) % EDGES.length] : (float) random.nextGaussian();
          dY[i] = i % 7 == 0 ? EDGES[(i / 7 + 3 * round) % EDGES.length] : (float) random.nextGaussian();
        }
        float[] dX = new float[n + 1];
        dX[n] = 42f; // past n: must stay as it was
        gradient.apply(v, dY, dX, n);
        for (int i = 0; i < n; i++) {
          float expected = v[i] > 0f ? dY[i] : 0f;
          assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(dX[i]),
              "n " + n + " at " + i + ": v = " + v[i] + ", dY = " + dY[i] + ", got " + dX[i]);
        }
        assertEquals(42f, dX[n], "wrote past n = " + n);
      }
    }
  }
}
