package org.sparknn.worker.cpu;

import org.sparknn.spec.ActivationKind;

/**
 * Element-wise activations, each backward written from its output: relu' = [y &gt; 0], sigmoid' = y(1-y),
 * tanh' = 1-y^2; softmax per row: dx = y * (dy - sum_j dy_j y_j).
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

  /**
   * max(x, 0): C2 vectorizes Math.max, while {@code x > 0 ? x : 0} is a branch that mispredicts half the time on
   * activations of mixed sign (about 30x slower at 128 x 1024). Same floats, except that NaN stays NaN (as in
   * torch.relu) instead of becoming 0.
   */
  static void reluForward(float[] x, float[] y, int n) {
    for (int i = 0; i < n; i++) y[i] = Math.max(x[i], 0f);
  }

  /**
   * dX = dY [y &gt; 0], the mask without a branch so that C2 vectorizes it: y is 0 or at least 2^-149, and times
   * 2^252 any positive y reaches 1, so min(y 2^126 2^126, 1) is exactly 0 or 1. Adding 0 turns -0 (dY &lt; 0
   * masked) into the +0 the branch gave. Differs from the branch only where dY is infinite or NaN and masked.
   */
  static void reluBackward(float[] y, float[] dY, float[] dX, int n) {
    for (int i = 0; i < n; i++) dX[i] = dY[i] * Math.min(y[i] * 0x1p126f * 0x1p126f, 1f) + 0f;
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    if (dX == null) return;
    int n = rows * width;
    switch (kind) {
      case RELU -> reluBackward(y, dY, dX, n);
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
