package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparknn.spec.ActivationKind;
import org.sparknn.worker.StepContext;

/**
 * The branch-free ReLU against its definition, y = x &gt; 0 ? x : 0 and dx = x &gt; 0 ? dy : 0, bit for bit, on
 * the edge cases of the bit tricks (signed zeros, infinities, NaNs of both signs, subnormals, the largest floats)
 * and on random values. The one intended difference: forward propagates NaN.
 */
class ReluTest {
  private static final float[] EDGES = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL,
      -Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
      Float.NaN, Float.intBitsToFloat(0xffc00000), Float.intBitsToFloat(0x7f800001), 1f, -1f, 3.5e-3f, -2e7f};

  @Test
  void forwardAndBackwardMatchTheDefinition() {
    SplittableRandom rnd = new SplittableRandom(7);
    int n = EDGES.length + 1000;
    float[] x = Arrays.copyOf(EDGES, n);
    for (int i = EDGES.length; i < n; i++) x[i] = (float) rnd.nextGaussian();
    float[] dY = new float[n];
    for (int i = 0; i < n; i++) dY[i] = i % 7 == 0 ? Float.POSITIVE_INFINITY : (float) rnd.nextGaussian();
    ActivationLayer relu = new ActivationLayer(ActivationKind.RELU, n);
    LayerContext ctx = new LayerContext(new float[0], new float[0], new float[0], true, StepContext.of(1, 0, 0));
    float[] y = new float[n];
    float[] dX = new float[n];
    relu.forward(x, y, 1, ctx);
    relu.backward(x, y, dY, dX, 1, ctx);
    for (int i = 0; i < n; i++) {
      float want = Float.isNaN(x[i]) ? Float.NaN : x[i] > 0f ? x[i] : 0f;
      assertEquals(Float.floatToIntBits(want), Float.floatToIntBits(y[i]), "y for x = " + x[i]);
      float wantDx = x[i] > 0f ? dY[i] : 0f;
      assertEquals(Float.floatToRawIntBits(wantDx), Float.floatToRawIntBits(dX[i]), "dx for x = " + x[i]);
    }
  }
}
