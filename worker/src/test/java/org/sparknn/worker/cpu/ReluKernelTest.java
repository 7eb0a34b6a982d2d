package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The branch-free ReLU loops against the plain ternaries they replaced, on random values of mixed sign with the
 * edge cases mixed in (zeros of both signs, the smallest subnormal, the largest float, infinity). Long enough for
 * C2 to compile the loops; the comparison is exact (+0 and -0 compare equal, as they act in every later sum).
 */
class ReluKernelTest {
  private static final float[] EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE,
      -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1e-30f, -1e-30f};

  @Test
  void forwardAndBackwardEqualTheBranchingReference() {
    Random random = new Random(11);
    int n = 10_007;
    float[] x = new float[n];
    float[] dY = new float[n];
    float[] y = new float[n];
    float[] dX = new float[n];
    for (int round = 0; round < 50; round++) {
      for (int i = 0; i < n; i++) {
        x[i] = i % 13 == 0 ? EDGES[(i / 13 + round) % EDGES.length] : (float) random.nextGaussian();
        dY[i] = i % 7 == 0 ? EDGES[(i / 7 + 3 * round) % 5] : (float) random.nextGaussian(); // finite edges only
      }
      ActivationLayer.reluForward(x, y, n);
      ActivationLayer.reluBackward(y, dY, dX, n);
      for (int i = 0; i < n; i++) {
        int at = i;
        assertEquals(x[i] > 0f ? x[i] : 0f, y[i], 0f, () -> "forward at " + x[at]);
        assertEquals(x[i] > 0f ? dY[i] : 0f, dX[i], 0f, () -> "backward at x = " + x[at] + ", dY = " + dY[at]);
      }
    }
  }
}
