package org.sparknn.worker.cpu;

import java.util.List;
import org.sparknn.simd.ColumnSums;
import org.sparknn.tensor.Slice;

/**
 * y = x W + b with W [in x out] row-major. Backward: dW = x^T dY, db = column sums of dY, dX = dY W^T. Its
 * parameter gradients are written, not added ({@link #writtenGradients()}): dW by the product with beta = 0, which
 * gives the same floats as adding it into zeros.
 */
final class DenseLayer implements CpuLayer {
  private final int in;
  private final int out;
  private final int w;
  private final int b;
  private final List<Slice> slices;

  DenseLayer(int in, int out, Slice weight, Slice bias) {
    this.in = in;
    this.out = out;
    this.w = weight.offset();
    this.b = bias.offset();
    this.slices = List.of(weight, bias);
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
    Gemm.gemm(true, false, in, out, rows, 1f, x, 0, in, dY, 0, out, 0f, g, w, out);
    ColumnSums.of(dY, rows, out, g, b); // each column from zero, row by row: as when the network zeroed it
    if (dX != null) Gemm.gemm(false, true, rows, in, out, 1f, dY, 0, out, ctx.params(), w, out, 0f, dX, 0, in);
  }

  @Override
  public List<Slice> writtenGradients() {
    return slices;
  }
}
