package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.data.Block;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * MaxPool2D: finite-difference checks with a conv before the pool (so the pool's dIn reaches the conv's weight
 * gradients), and forward and backward against naive loops. Max pooling copies values and its backward adds at
 * most size*size floats per input, so the naive comparisons are exact up to 1e-6 (summation order of overlapping
 * contributions is the same in both, but the bound leaves room for a different order).
 */
class MaxPool2DGradientTest {
  private final CpuBackend backend = new CpuBackend();

  @Test
  void poolTwoStrideTwoAfterConv() {
    ModelSpec spec = new ModelSpec(new Shape(2, 6, 7), List.of(
        new LayerSpec.Conv2D(3, 3, 1, 1), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.MaxPool2D(2, 2), new LayerSpec.Dense(3)), LossKind.SOFTMAX_CROSS_ENTROPY);
    check(spec, 3);
  }

  @Test
  void overlappingPoolThreeStrideTwoAfterConv() {
    ModelSpec spec = new ModelSpec(new Shape(2, 7, 7), List.of(
        new LayerSpec.Conv2D(3, 3, 1, 1), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.MaxPool2D(3, 2), new LayerSpec.Dense(2)), LossKind.SIGMOID_BINARY_CROSS_ENTROPY);
    check(spec, 3);
  }

  // channels, height, width, size, stride, rows
  @ParameterizedTest
  @CsvSource({"3, 6, 7, 2, 2, 7", "2, 7, 7, 3, 2, 1", "1, 5, 8, 3, 1, 7", "2, 9, 6, 2, 3, 7"})
  void forwardAndBackwardMatchNaiveLoops(int c, int h, int w, int size, int stride, int rows) {
    Shape in = new Shape(c, h, w);
    LayerSpec.MaxPool2D pool = new LayerSpec.MaxPool2D(size, stride);
    Shape out = pool.outputShape(in);
    SplittableRandom rnd = new SplittableRandom(c * 100 + h * 10 + size);
    float[] x = new float[rows * in.size()];
    // few distinct values: ties are common, and the first maximum in row-major window order must win
    for (int i = 0; i < x.length; i++) x[i] = rnd.nextInt(5) - 2;
    float[] dY = new float[rows * out.size()];
    for (int i = 0; i < dY.length; i++) dY[i] = (float) rnd.nextDouble();

    double[] wantY = new double[dY.length];
    double[] wantDx = new double[x.length];
    int o = 0;
    for (int r = 0; r < rows; r++) {
      for (int ch = 0; ch < c; ch++) {
        for (int a = 0; a < out.height(); a++) {
          for (int b = 0; b < out.width(); b++, o++) {
            int best = -1;
            for (int i = 0; i < size; i++) {
              for (int j = 0; j < size; j++) {
                int xi = ((r * c + ch) * h + a * stride + i) * w + b * stride + j;
                if (best < 0 || x[xi] > x[best]) best = xi;
              }
            }
            wantY[o] = x[best];
            wantDx[best] += dY[o];
          }
        }
      }
    }

    MaxPool2DLayer layer = new MaxPool2DLayer(in, out, pool, rows);
    LayerContext ctx = new LayerContext(new float[0], new float[0], new float[0], true, StepContext.of(1, 0, 0));
    float[] y = new float[dY.length];
    float[] dX = new float[x.length];
    Arrays.fill(dX, Float.NaN); // backward must write every input gradient, zeros included
    layer.forward(x, y, rows, ctx);
    layer.backward(x, y, dY, dX, rows, ctx);
    for (int i = 0; i < y.length; i++) assertEquals(wantY[i], y[i], 0, "y[" + i + "]");
    for (int i = 0; i < dX.length; i++) assertEquals(wantDx[i], dX[i], 1e-6, "dX[" + i + "]");

    // and through the network's wiring: predict with squared error returns the raw pooled values
    Network net = backend.compile(new ModelSpec(in, List.of(pool), LossKind.MEAN_SQUARED_ERROR), rows);
    float[] predicted = new float[y.length];
    net.predict(new Block(rows, in.size(), out.size(), x, new float[y.length]),
        new ModelState(new float[0], new float[0]), predicted);
    for (int i = 0; i < y.length; i++) assertEquals(wantY[i], predicted[i], 0, "predicted[" + i + "]");
  }

  private void check(ModelSpec spec, int rows) {
    Network net = backend.compile(spec, rows);
    // step 1e-3, not the default 1e-2: with 1e-2 a few percent of the conv weights move some window's maximum
    // to another input within the step, and their central differences mix two slopes (see GradientCheck)
    GradientCheck.check(net, GradientCheck.init(spec, 31), GradientCheck.randomBlock(spec, rows, 9),
        StepContext.of(3, 1, 2), 1, 1e-3);
  }
}
