package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sparknn.data.Block;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * BatchNorm forward against statistics computed here in double: training-mode outputs use the batch's mean and
 * biased variance, running statistics follow running = (1 - momentum) running + momentum batch with the unbiased
 * variance, and inference uses the running statistics. Tolerance 1e-5 (absolute, on values of order 1-10): the
 * layer stores float outputs and float running statistics (relative rounding 6e-8 per step) and computes the
 * statistics in double, so only a few float roundings separate it from the reference.
 */
class BatchNormStatisticsTest {
  static final double TOL = 1e-5;
  private static final float MOMENTUM = 0.3f;
  private static final float EPS = 1e-3f;

  private final Shape in = new Shape(3, 2, 2);
  private final ModelSpec spec = new ModelSpec(in, List.of(new LayerSpec.BatchNorm(MOMENTUM, EPS)),
      LossKind.MEAN_SQUARED_ERROR);
  private final ParamLayout layout = ParamLayout.of(spec);
  private final float[] gamma = {1.5f, 0.5f, -2f};
  private final float[] beta = {0.1f, -1f, 2f};

  @Test
  void trainingNormalizesWithBatchStatistics() {
    int rows = 4;
    float[] x = sample(new SplittableRandom(1), rows, 2f);
    float[] y = new float[x.length];
    layer(rows).forward(x, y, rows, new LayerContext(params(), buffers(), null, true, StepContext.of(1, 0, 0)));
    for (int c = 0; c < in.channels(); c++) {
      double[] st = stats(x, rows, c);
      double inv = 1 / Math.sqrt(st[1] + EPS);
      for (int i : indices(rows, c)) assertEquals(gamma[c] * (x[i] - st[0]) * inv + beta[c], y[i], TOL, "y[" + i + "]");
    }
  }

  @Test
  void runningStatisticsFollowMomentumAndInferenceUsesThem() {
    int rows = 5;
    Network net = new CpuBackend().compile(spec, rows);
    ModelState state = new ModelState(params(), buffers());
    double[] mean = {0, 0, 0};
    double[] var = {1, 1, 1};
    SplittableRandom rnd = new SplittableRandom(7);
    for (int step = 0; step < 6; step++) {
      float[] x = sample(rnd, rows, 3f);
      net.trainStep(new Block(rows, in.size(), in.size(), x, new float[x.length]), state,
          new float[layout.paramSize()], StepContext.of(1, 0, step));
      for (int c = 0; c < in.channels(); c++) {
        double[] st = stats(x, rows, c);
        int m = rows * in.height() * in.width();
        mean[c] = (1 - MOMENTUM) * mean[c] + MOMENTUM * st[0];
        var[c] = (1 - MOMENTUM) * var[c] + MOMENTUM * st[1] * m / (m - 1);
      }
    }
    float[] buf = state.buffers();
    int meanOff = slice(ParamKind.RUNNING_MEAN).offset();
    int varOff = slice(ParamKind.RUNNING_VAR).offset();
    for (int c = 0; c < in.channels(); c++) {
      assertEquals(mean[c], buf[meanOff + c], TOL, "running mean " + c);
      assertEquals(var[c], buf[varOff + c], TOL, "running var " + c);
    }

    float[] x = sample(rnd, rows, 3f);
    float[] out = new float[x.length];
    net.predict(new Block(rows, in.size(), in.size(), x, new float[x.length]), state, out);
    for (int c = 0; c < in.channels(); c++) {
      double inv = 1 / Math.sqrt(var[c] + EPS);
      for (int i : indices(rows, c)) {
        assertEquals(gamma[c] * (x[i] - mean[c]) * inv + beta[c], out[i], TOL, "inference y[" + i + "]");
      }
    }
  }

  @Test
  void singleValuePerFeatureKeepsBiasedVariance() {
    // one vector sample: m = 1, so the unbiased variance is undefined; the biased one (0) is used
    ModelSpec vec = new ModelSpec(Shape.vector(2), List.of(new LayerSpec.BatchNorm(MOMENTUM, EPS)),
        LossKind.MEAN_SQUARED_ERROR);
    Network net = new CpuBackend().compile(vec, 1);
    ModelState state = new ModelState(new float[] {1, 1, 0, 0}, new float[] {0, 0, 1, 1});
    net.trainStep(new Block(1, 2, 2, new float[] {4f, -2f}, new float[2]), state, new float[4], StepContext.of(1, 0, 0));
    float[] want = {MOMENTUM * 4f, MOMENTUM * -2f, 1 - MOMENTUM, 1 - MOMENTUM};
    for (int i = 0; i < 4; i++) assertEquals(want[i], state.buffers()[i], TOL, "buffer " + i);
  }

  /** Mean and biased variance of channel c over rows x H x W, in double. */
  private double[] stats(float[] x, int rows, int c) {
    double sum = 0;
    int[] idx = indices(rows, c);
    for (int i : idx) sum += x[i];
    double mean = sum / idx.length;
    double sq = 0;
    for (int i : idx) sq += (x[i] - mean) * (x[i] - mean);
    return new double[] {mean, sq / idx.length};
  }

  /** Positions of channel c's values in a CHW batch. */
  private int[] indices(int rows, int c) {
    int area = in.height() * in.width();
    int[] idx = new int[rows * area];
    for (int r = 0; r < rows; r++) {
      for (int p = 0; p < area; p++) idx[r * area + p] = r * in.size() + c * area + p;
    }
    return idx;
  }

  /** Values with a per-channel offset (c - 1) * shift, so channels have different means. */
  private float[] sample(SplittableRandom rnd, int rows, float shift) {
    float[] x = new float[rows * in.size()];
    int area = in.height() * in.width();
    for (int i = 0; i < x.length; i++) x[i] = (float) (2 * rnd.nextDouble() - 1 + ((i / area) % 3 - 1) * shift);
    return x;
  }

  private float[] params() {
    float[] p = new float[layout.paramSize()];
    System.arraycopy(gamma, 0, p, slice(ParamKind.GAMMA).offset(), 3);
    System.arraycopy(beta, 0, p, slice(ParamKind.BETA).offset(), 3);
    return p;
  }

  private float[] buffers() {
    float[] b = new float[layout.bufferSize()];
    java.util.Arrays.fill(b, slice(ParamKind.RUNNING_VAR).offset(), slice(ParamKind.RUNNING_VAR).end(), 1f);
    return b;
  }

  private Slice slice(ParamKind kind) {
    return layout.param(0, kind).or(() -> layout.buffer(0, kind)).orElseThrow();
  }

  private BatchNormLayer layer(int rows) {
    return new BatchNormLayer(in, (LayerSpec.BatchNorm) spec.layers().get(0), slice(ParamKind.GAMMA),
        slice(ParamKind.BETA), slice(ParamKind.RUNNING_MEAN), slice(ParamKind.RUNNING_VAR), rows);
  }
}
