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
 * +0 beats -0.
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
