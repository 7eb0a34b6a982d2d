package org.sparknn.worker.cpu;

import org.sparknn.tensor.Slice;

/**
 * y = x W + b with W [in x out] row-major. Backward: dW += x^T dY, db += column sums of dY, dX = dY W^T.
 */
final class DenseLayer implements CpuLayer {
  private final int in;
  private final int out;
  private final int w;
  private final int b;

  DenseLayer(int in, int out, Slice weight, Slice bias) {
    this.in = in;
    this.out = out;
    this.w = weight.offset();
    this.b = bias.offset();
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    float[] p = ctx.params();
    for (int r = 0; r < rows; r++) System.arraycopy(p, b, y, r * out, out);
    Gemm.gemm(false, false, rows, out, in, 1f, x, 0, in, p, w, out, 1f, y, 0, out);
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    float[] g = ctx.grads();
    Gemm.gemm(true, false, in, out, rows, 1f, x, 0, in, dY, 0, out, 1f, g, w, out);
    for (int r = 0; r < rows; r++) {
      int row = r * out;
      for (int j = 0; j < out; j++) g[b + j] += dY[row + j];
    }
    if (dX != null) Gemm.gemm(false, true, rows, in, out, 1f, dY, 0, out, ctx.params(), w, out, 0f, dX, 0, in);
  }
}
