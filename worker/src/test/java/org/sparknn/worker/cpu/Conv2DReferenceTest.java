package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.worker.StepContext;

/**
 * Conv2D forward and backward against direct nested-loop convolutions in double precision, for shapes with odd and
 * even output sizes, stride and padding, batch 1 and 7.
 *
 * <p>Tolerance, and why: each output is a float sum of n products (n = C*k*k forward, up to rows*OH*OW for dW).
 * Rounding errors grow like sqrt(n) u |terms| in practice (u = 6e-8), at most 5e-6 of the sum of absolute terms
 * for n &lt;= 7000 here; we accept 2e-5 * sum|terms| + 1e-6. A missing, doubled or misplaced term changes a value by
 * about sum|terms| / n &gt;= 1.4e-4 sum|terms| here, so such bugs fail the check.
 */
class Conv2DReferenceTest {
  static final double REL_TOL = 2e-5;
  static final double ABS_TOL = 1e-6;

  // in C, H, W; filters, kernel, stride, padding; rows
  static Stream<Arguments> cases() {
    int[][] shapes = {
        {1, 28, 28, 4, 3, 1, 0, 1},  // MNIST-like first conv: 26x26
        {32, 13, 13, 64, 3, 1, 0, 3}, // B3's second conv, several samples (each its own GEMMs)
        {2, 5, 6, 3, 3, 1, 1, 7},    // padding keeps 5x6 (odd x even)
        {3, 7, 5, 2, 3, 2, 0, 7},    // 3x2
        {2, 9, 8, 5, 4, 3, 2, 1},    // 4x3, the last input row/col is never read
        {3, 6, 7, 4, 2, 2, 1, 7},    // 4x4
        {4, 4, 4, 3, 1, 1, 0, 7},    // 1x1 kernel
        {2, 3, 3, 2, 3, 1, 2, 7}};   // padding 2 of kernel 3: corner windows hold a single pixel
    return Arrays.stream(shapes).map(s -> Arguments.of((Object) s));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void forwardAndBackwardMatchDirectLoops(int[] c) {
    Shape in = new Shape(c[0], c[1], c[2]);
    LayerSpec.Conv2D conv = new LayerSpec.Conv2D(c[3], c[4], c[5], c[6]);
    int rows = c[7];
    Shape out = conv.outputShape(in);
    ModelSpec spec = new ModelSpec(in, List.of(conv), LossKind.MEAN_SQUARED_ERROR);
    ParamLayout layout = ParamLayout.of(spec);
    Conv2DLayer layer = new Conv2DLayer(in, out, conv, layout.param(0, ParamKind.WEIGHT).orElseThrow(),
        layout.param(0, ParamKind.BIAS).orElseThrow());

    SplittableRandom rnd = new SplittableRandom(c[0] * 1000L + c[1] * 100L + c[4] * 10L);
    float[] params = random(rnd, layout.paramSize());
    float[] x = random(rnd, rows * in.size());
    float[] dY = random(rnd, rows * out.size());
    float[] y = new float[rows * out.size()];
    float[] grads = new float[layout.paramSize()];
    Arrays.fill(grads, 0.25f); // the layer must ADD into grads ...
    float[] dX = new float[rows * in.size()];
    Arrays.fill(dX, Float.NaN); // ... and WRITE every value of dX
    LayerContext ctx = new LayerContext(params, new float[0], grads, true, StepContext.of(1, 0, 0));

    layer.forward(x, y, rows, ctx);
    layer.backward(x, y, dY, dX, rows, ctx);

    Reference ref = new Reference(in, out, conv, rows, params, x, dY);
    assertClose("y", ref.y, ref.yAbs, y, 0);
    assertClose("dW", ref.dW, ref.dWAbs, Arrays.copyOfRange(grads, 0, ref.dW.length), 0.25);
    assertClose("db", ref.db, ref.dbAbs, Arrays.copyOfRange(grads, ref.dW.length, grads.length), 0.25);
    assertClose("dX", ref.dX, ref.dXAbs, dX, 0);
  }

  private static void assertClose(String what, double[] want, double[] absSum, float[] got, double offset) {
    assertEquals(want.length, got.length, what + " length");
    for (int i = 0; i < want.length; i++) {
      double err = Math.abs(got[i] - offset - want[i]);
      assertTrue(err <= REL_TOL * absSum[i] + ABS_TOL,
          what + "[" + i + "]: got " + (got[i] - offset) + ", reference " + want[i]);
    }
  }

  private static float[] random(SplittableRandom rnd, int n) {
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = (float) (2 * rnd.nextDouble() - 1);
    return v;
  }

  /** The convolution's defining sums, term by term, with each result's sum of absolute terms. */
  private static final class Reference {
    final double[] y, yAbs, dW, dWAbs, db, dbAbs, dX, dXAbs;

    Reference(Shape in, Shape out, LayerSpec.Conv2D conv, int rows, float[] p, float[] x, float[] dY) {
      int cIn = in.channels(), h = in.height(), w = in.width();
      int f = out.channels(), oh = out.height(), ow = out.width();
      int k = conv.kernel(), s = conv.stride(), pad = conv.padding();
      int wSize = f * cIn * k * k;
      y = new double[rows * out.size()];
      yAbs = new double[y.length];
      dW = new double[wSize];
      dWAbs = new double[wSize];
      db = new double[f];
      dbAbs = new double[f];
      dX = new double[rows * in.size()];
      dXAbs = new double[dX.length];
      for (int r = 0; r < rows; r++) {
        for (int fi = 0; fi < f; fi++) {
          for (int a = 0; a < oh; a++) {
            for (int b = 0; b < ow; b++) {
              int o = ((r * f + fi) * oh + a) * ow + b;
              y[o] = p[wSize + fi];
              yAbs[o] = Math.abs(p[wSize + fi]);
              db[fi] += dY[o];
              dbAbs[fi] += Math.abs(dY[o]);
              for (int ci = 0; ci < cIn; ci++) {
                for (int i = 0; i < k; i++) {
                  for (int j = 0; j < k; j++) {
                    int ih = a * s + i - pad;
                    int iw = b * s + j - pad;
                    if (ih < 0 || ih >= h || iw < 0 || iw >= w) continue; // zero padding
                    int wi = ((fi * cIn + ci) * k + i) * k + j;
                    int xi = ((r * cIn + ci) * h + ih) * w + iw;
                    y[o] += (double) p[wi] * x[xi];
                    yAbs[o] += Math.abs((double) p[wi] * x[xi]);
                    dW[wi] += (double) dY[o] * x[xi];
                    dWAbs[wi] += Math.abs((double) dY[o] * x[xi]);
                    dX[xi] += (double) dY[o] * p[wi];
                    dXAbs[xi] += Math.abs((double) dY[o] * p[wi]);
                  }
                }
              }
            }
          }
        }
      }
    }
  }
}
