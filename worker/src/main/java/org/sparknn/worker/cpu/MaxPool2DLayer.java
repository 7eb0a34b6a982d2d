package org.sparknn.worker.cpu;

import java.util.Arrays;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;

/**
 * Max pooling per channel: y[c][oh][ow] = max over i, j in [0, size) of x[c][oh*stride + i][ow*stride + j]
 * (windows lie inside the input; no padding). Forward records where each maximum came from (the first one on
 * ties); backward sends dY there: dX = 0, then dX[argmax] += dY. The add matters when windows overlap
 * (stride &lt; size), since one input can be the maximum of several windows.
 *
 * <p>Values are compared as order-preserving int keys (see {@link #key}): with int comparisons the JIT selects
 * with conditional moves instead of a branch that mispredicts on about every other window of real data, which
 * halves the forward time. Side effects: a NaN counts as the largest value (it propagates, as in PyTorch), and
 * +0 beats -0. The common 2x2 window with stride 2 has its own loop (about twice as fast as the general one, whose
 * two-iteration inner loops the JIT cannot unroll): a max of each row pair, then of the two rows, every compare
 * strict so that the first maximum still wins.
 */
final class MaxPool2DLayer implements CpuLayer {
  private final int channels, inH, inW;
  private final int outH, outW;
  private final int size, stride;
  private final int inSize, outSize;
  private final int[] argmax; // per output value: index of its maximum within the sample's input (c*H*W + h*W + w)

  MaxPool2DLayer(Shape in, Shape out, LayerSpec.MaxPool2D spec, int maxRows) {
    this.channels = in.channels();
    this.inH = in.height();
    this.inW = in.width();
    this.outH = out.height();
    this.outW = out.width();
    this.size = spec.size();
    this.stride = spec.stride();
    this.inSize = in.size();
    this.outSize = out.size();
    this.argmax = new int[maxRows * outSize];
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    if (size == 2 && stride == 2) {
      forwardTwoByTwo(x, y, rows);
      return;
    }
    for (int r = 0; r < rows; r++) {
      int xBase = r * inSize;
      int o = r * outSize;
      for (int c = 0; c < channels; c++) {
        int plane = c * inH * inW;
        for (int oh = 0; oh < outH; oh++) {
          for (int ow = 0; ow < outW; ow++, o++) {
            int first = plane + oh * stride * inW + ow * stride;
            int best = first;
            int bestKey = key(x[xBase + first]);
            for (int i = 0; i < size; i++) {
              int line = first + i * inW;
              for (int j = 0; j < size; j++) {
                int candidate = key(x[xBase + line + j]);
                best = candidate > bestKey ? line + j : best; // strict: the first maximum wins ties
                bestKey = Math.max(candidate, bestKey);
              }
            }
            y[o] = x[xBase + best];
            argmax[o] = best;
          }
        }
      }
    }
  }

  private void forwardTwoByTwo(float[] x, float[] y, int rows) {
    for (int r = 0; r < rows; r++) {
      int xBase = r * inSize;
      int o = r * outSize;
      for (int c = 0; c < channels; c++) {
        int plane = c * inH * inW;
        for (int oh = 0; oh < outH; oh++) {
          int line = plane + 2 * oh * inW;
          for (int ow = 0; ow < outW; ow++, o++) {
            int top = line + 2 * ow;
            int bottom = top + inW;
            int k0 = key(x[xBase + top]);
            int k1 = key(x[xBase + top + 1]);
            int k2 = key(x[xBase + bottom]);
            int k3 = key(x[xBase + bottom + 1]);
            int bestTop = k1 > k0 ? top + 1 : top;
            int bestBottom = k3 > k2 ? bottom + 1 : bottom;
            int best = Math.max(k2, k3) > Math.max(k0, k1) ? bestBottom : bestTop;
            y[o] = x[xBase + best];
            argmax[o] = best;
          }
        }
      }
    }
  }

  /** An int whose signed order is the float order: negative floats have their magnitude bits flipped. */
  private static int key(float v) {
    int bits = Float.floatToRawIntBits(v);
    return bits ^ ((bits >> 31) & 0x7fffffff);
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    if (dX == null) return;
    Arrays.fill(dX, 0, rows * inSize, 0f);
    for (int r = 0; r < rows; r++) {
      int xBase = r * inSize;
      for (int o = r * outSize, end = o + outSize; o < end; o++) dX[xBase + argmax[o]] += dY[o];
    }
  }
}
