package org.sparknn.worker.cpu;

import java.util.Arrays;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.Slice;

/**
 * 2-D cross-correlation with square kernels, stride and zero padding, on CHW samples:
 * y[f][oh][ow] = b[f] + sum_{c,i,j} W[f][c][i][j] x[c][oh*s + i - p][ow*s + j - p] (x = 0 outside the image).
 *
 * <p>Computed as im2col + GEMM (Chellapilla et al. 2006). A chunk of n samples is unfolded into one wide matrix
 * col [C*k*k x n*OH*OW] so that one GEMM Y = W col serves the whole chunk (W is the stored [F][C*k*k] block, used
 * row-major as is); Y [F x n*OH*OW] is then scattered to per-sample [F][OH][OW]. Backward gathers dY into the same
 * wide layout, then dW += dY col^T, db += row sums of dY, dCol = W^T dY and col2im adds dCol back onto dX.
 * The col matrix is rebuilt in backward rather than kept from forward: unfolding is cheap next to the GEMMs, and
 * keeping it would cost rows * C*k*k * OH*OW floats.
 */
final class Conv2DLayer implements CpuLayer {
  /**
   * Scratch budget in floats (8 MiB) for col plus the wide output; the chunk size follows from it. Enough for a
   * batch of 64 of the MNIST CNN's second conv (32x13x13 in, 64 filters) in two chunks of 32, i.e. GEMMs with
   * N = 32*121; bounded so that one network per executor thread stays modest. Measured on 2 cores with OpenBLAS,
   * budgets from 2^18 (chunks of 6 there) to 2^24 (one chunk) ran within noise of each other.
   */
  static final int DEFAULT_SCRATCH_FLOATS = 1 << 21;

  private final int inC, inH, inW;
  private final int filters, outH, outW;
  private final int k, stride, pad;
  private final int ckk;       // rows of col: C * k * k
  private final int outArea;   // OH * OW: columns of col per sample
  private final int inSize, outSize;
  private final int w, b;      // offsets of the weight [F][C][k][k] and bias [F] slices
  private final int chunkCap;  // most samples unfolded at once
  // Scratch, sized on first use for min(rows, chunkCap) samples (the constructor is not told the row count) and
  // grown only if a later call brings more rows, up to chunkCap.
  private float[] col = new float[0];   // [ckk x n*outArea]; in backward it becomes dCol
  private float[] wide = new float[0];  // [filters x n*outArea]: Y in forward, gathered dY in backward

  Conv2DLayer(Shape in, Shape out, LayerSpec.Conv2D spec, Slice weight, Slice bias) {
    this(in, out, spec, weight, bias, DEFAULT_SCRATCH_FLOATS);
  }

  /** As above with a chosen scratch budget (tests use a tiny one to force several chunks). */
  Conv2DLayer(Shape in, Shape out, LayerSpec.Conv2D spec, Slice weight, Slice bias, int scratchFloats) {
    this.inC = in.channels();
    this.inH = in.height();
    this.inW = in.width();
    this.filters = out.channels();
    this.outH = out.height();
    this.outW = out.width();
    this.k = spec.kernel();
    this.stride = spec.stride();
    this.pad = spec.padding();
    this.ckk = inC * k * k;
    this.outArea = outH * outW;
    this.inSize = in.size();
    this.outSize = out.size();
    this.w = weight.offset();
    this.b = bias.offset();
    long perSample = (long) (ckk + filters) * outArea;
    this.chunkCap = (int) Math.max(1, Math.min(Integer.MAX_VALUE, scratchFloats / perSample));
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    float[] p = ctx.params();
    int chunk = chunkSize(rows);
    for (int s0 = 0; s0 < rows; s0 += chunk) {
      int n = Math.min(chunk, rows - s0);
      int cols = n * outArea;
      im2col(x, s0, n);
      Gemm.gemm(false, false, filters, cols, ckk, 1f, p, w, ckk, col, 0, cols, 0f, wide, 0, cols);
      for (int s = 0; s < n; s++) { // scatter to per-sample [F][OH][OW], adding the bias on the way
        for (int f = 0; f < filters; f++) {
          float bias = p[b + f];
          int from = f * cols + s * outArea;
          int to = (s0 + s) * outSize + f * outArea;
          for (int i = 0; i < outArea; i++) y[to + i] = wide[from + i] + bias;
        }
      }
    }
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    float[] p = ctx.params();
    float[] g = ctx.grads();
    int chunk = chunkSize(rows);
    for (int s0 = 0; s0 < rows; s0 += chunk) {
      int n = Math.min(chunk, rows - s0);
      int cols = n * outArea;
      for (int s = 0; s < n; s++) {
        for (int f = 0; f < filters; f++) {
          System.arraycopy(dY, (s0 + s) * outSize + f * outArea, wide, f * cols + s * outArea, outArea);
        }
      }
      for (int f = 0; f < filters; f++) g[b + f] += (float) sum(wide, f * cols, cols);
      im2col(x, s0, n);
      Gemm.gemm(false, true, filters, ckk, cols, 1f, wide, 0, cols, col, 0, cols, 1f, g, w, ckk);
      if (dX != null) {
        Gemm.gemm(true, false, ckk, cols, filters, 1f, p, w, ckk, wide, 0, cols, 0f, col, 0, cols);
        Arrays.fill(dX, s0 * inSize, (s0 + n) * inSize, 0f);
        col2im(dX, s0, n);
      }
    }
  }

  /** Splits rows into equal chunks of at most chunkCap (64 rows, cap 49: two chunks of 32) and sizes scratch. */
  private int chunkSize(int rows) {
    int chunks = (int) Math.max(1, ((long) rows + chunkCap - 1) / chunkCap);
    int chunk = Math.max(1, (rows + chunks - 1) / chunks);
    int cols = chunk * outArea;
    if (col.length < ckk * cols) col = new float[ckk * cols];
    if (wide.length < filters * cols) wide = new float[filters * cols];
    return chunk;
  }

  /**
   * col[(c*k + i)*k + j][s*OH*OW + oh*OW + ow] = x[s0+s][c][oh*stride + i - pad][ow*stride + j - pad], or 0 where
   * that lies in the padding. The valid ow range is computed per (i, j) so the inner loop has no bounds test.
   */
  private void im2col(float[] x, int s0, int n) {
    int cols = n * outArea;
    for (int c = 0; c < inC; c++) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          int row = ((c * k + i) * k + j) * cols;
          int owLo = firstInside(j);
          int owHi = endInside(j);
          for (int s = 0; s < n; s++) {
            int src = (s0 + s) * inSize + c * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
              int dst = row + s * outArea + oh * outW;
              int ih = oh * stride + i - pad;
              if (ih < 0 || ih >= inH || owLo >= owHi) {
                Arrays.fill(col, dst, dst + outW, 0f);
                continue;
              }
              if (owLo > 0) Arrays.fill(col, dst, dst + owLo, 0f); // padding only: calls are costly at this rate
              if (owHi < outW) Arrays.fill(col, dst + owHi, dst + outW, 0f);
              int rowIn = src + ih * inW + j - pad;
              if (stride == 1) {
                System.arraycopy(x, rowIn + owLo, col, dst + owLo, owHi - owLo);
              } else {
                for (int ow = owLo; ow < owHi; ow++) col[dst + ow] = x[rowIn + ow * stride];
              }
            }
          }
        }
      }
    }
  }

  /** The adjoint of im2col: adds every col entry onto the input position it was copied from (padding dropped). */
  private void col2im(float[] dX, int s0, int n) {
    int cols = n * outArea;
    for (int c = 0; c < inC; c++) {
      for (int i = 0; i < k; i++) {
        for (int j = 0; j < k; j++) {
          int row = ((c * k + i) * k + j) * cols;
          int owLo = firstInside(j);
          int owHi = endInside(j);
          for (int s = 0; s < n; s++) {
            int base = (s0 + s) * inSize + c * inH * inW;
            for (int oh = 0; oh < outH; oh++) {
              int ih = oh * stride + i - pad;
              if (ih < 0 || ih >= inH) continue;
              int src = row + s * outArea + oh * outW;
              int rowIn = base + ih * inW + j - pad;
              if (stride == 1) { // a unit-stride loop that the JIT vectorizes
                for (int ow = owLo; ow < owHi; ow++) dX[rowIn + ow] += col[src + ow];
              } else {
                for (int ow = owLo; ow < owHi; ow++) dX[rowIn + ow * stride] += col[src + ow];
              }
            }
          }
        }
      }
    }
  }

  /** Sum of v[from, from + n) in double, four independent partial sums so the adds do not wait on each other. */
  private static double sum(float[] v, int from, int n) {
    double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    int i = from;
    for (int end = from + (n & ~3); i < end; i += 4) {
      s0 += v[i];
      s1 += v[i + 1];
      s2 += v[i + 2];
      s3 += v[i + 3];
    }
    for (int end = from + n; i < end; i++) s0 += v[i];
    return (s0 + s1) + (s2 + s3);
  }

  /** Smallest ow with ow*stride + j - pad >= 0. */
  private int firstInside(int j) {
    int need = pad - j;
    return need <= 0 ? 0 : Math.min(outW, (need + stride - 1) / stride);
  }

  /** One past the largest ow with ow*stride + j - pad < inW. */
  private int endInside(int j) {
    int room = inW - 1 + pad - j; // ow*stride <= room
    return room < 0 ? 0 : Math.min(outW, room / stride + 1);
  }
}
