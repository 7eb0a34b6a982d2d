package org.sparknn.worker.cpu;

import org.sparknn.simd.ReluGradient;
import org.sparknn.spec.ActivationKind;

/**
 * Element-wise activations, each backward written from its output: relu' = [y &gt; 0], sigmoid' = y(1-y),
 * tanh' = 1-y^2; softmax per row: dx = y * (dy - sum_j dy_j y_j).
 *
 * <p>ReLU is written without branches: on conv outputs the sign of x is close to random, and the compare-and-branch
 * of {@code x > 0 ? x : 0} mispredicted on about every other value (about 10x slower than these loops). Forward is
 * {@code Math.max(x, 0)}, which C2 vectorizes; it equals the branch for every input but NaN, which it propagates
 * (as PyTorch's relu and our max pooling do). Backward ({@link ReluGradient}) equals the branch exactly.
 */
final class ActivationLayer implements CpuLayer {
  private final ActivationKind kind;
  private final int width;

  ActivationLayer(ActivationKind kind, int width) {
    this.kind = kind;
    this.width = width;
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    int n = rows * width;
    switch (kind) {
      case RELU -> reluForward(x, y, n);
      case SIGMOID -> { for (int i = 0; i < n; i++) y[i] = (float) (1.0 / (1.0 + Math.exp(-x[i]))); }
      case TANH -> { for (int i = 0; i < n; i++) y[i] = (float) Math.tanh(x[i]); }
      case SOFTMAX -> { for (int r = 0; r < rows; r++) Softmax.row(x, r * width, y, r * width, width); }
    }
  }

  /** max(x, 0), vectorized by C2 (see the class comment). */
  static void reluForward(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) y[i] = Math.max(x[i], 0f);
  }

  /** dX = dY [v &gt; 0] for v = x or y (the same mask, y = max(x, 0)): exactly the branch, see {@link ReluGradient}. */
  static void reluBackward(float[] v, float[] dY, float[] dX, int n) {
    ReluGradient.apply(v, dY, dX, n);
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    if (dX == null) return;
    int n = rows * width;
    switch (kind) {
      case RELU -> reluBackward(x, dY, dX, n);
      case SIGMOID -> { for (int i = 0; i < n; i++) dX[i] = dY[i] * y[i] * (1f - y[i]); }
      case TANH -> { for (int i = 0; i < n; i++) dX[i] = dY[i] * (1f - y[i] * y[i]); }
      case SOFTMAX -> {
        for (int r = 0; r < rows; r++) {
          int o = r * width;
          double dot = 0;
          for (int j = 0; j < width; j++) dot += dY[o + j] * y[o + j];
          for (int j = 0; j < width; j++) dX[o + j] = (float) (y[o + j] * (dY[o + j] - dot));
        }
      }
    }
  }
}
