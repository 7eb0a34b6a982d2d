package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Max pooling per channel, windows inside the input. Pass 0, one work item per output: y = the window's maximum,
 * argmax = its index within the sample (the first maximum on ties, as the CPU twin). Pass 1, one work item per
 * input value: dx = the sum of dy over the outputs whose argmax is this value, in output order; a gather, so
 * overlapping windows (stride &lt; size) need no atomics.
 */
final class MaxPoolKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] x;
  float[] y;
  int[] argmax;
  float[] dy;
  float[] dx;
  int channels, inH, inW, outH, outW, size, stride, rows, pass;

  MaxPoolKernel(OpenCLDevice device, float[] x, float[] y, int[] argmax, float[] dy, float[] dx) {
    super(device);
    this.x = x;
    this.y = y;
    this.argmax = argmax;
    this.dy = dy;
    this.dx = dx;
    prepare();
  }

  MaxPoolKernel geometry(int channels, int inH, int inW, int outH, int outW, int size, int stride) {
    this.channels = channels;
    this.inH = inH;
    this.inW = inW;
    this.outH = outH;
    this.outW = outW;
    this.size = size;
    this.stride = stride;
    return this;
  }

  void forward(int rows) {
    this.pass = 0;
    this.rows = rows;
    int n = rows * channels * outH * outW;
    if (n > 0) launch(range(n, GROUP));
  }

  void backward(int rows) {
    this.pass = 1;
    this.rows = rows;
    int n = rows * channels * inH * inW;
    if (n > 0) launch(range(n, GROUP));
  }

  @Override
  public void run() {
    int id = getGlobalId();
    int plane = inH * inW;
    int inSize = channels * plane;
    int area = outH * outW;
    int outSize = channels * area;
    if (pass == 0) {
      if (id < rows * outSize) {
        int s = id / outSize;
        int c = (id % outSize) / area;
        int oh = (id % area) / outW;
        int ow = id % outW;
        int best = c * plane + oh * stride * inW + ow * stride;
        float bestValue = x[s * inSize + best];
        for (int i = 0; i < size; i++) {
          for (int j = 0; j < size; j++) {
            int q = c * plane + (oh * stride + i) * inW + ow * stride + j;
            float v = x[s * inSize + q];
            if (v > bestValue) {
              bestValue = v;
              best = q;
            }
          }
        }
        y[id] = bestValue;
        argmax[id] = best;
      }
    } else if (id < rows * inSize) {
      int s = id / inSize;
      int q = id % inSize;
      int c = q / plane;
      int h = (q % plane) / inW;
      int w = q % inW;
      int ohLo = h - size + 1 <= 0 ? 0 : (h - size + stride) / stride;
      int ohHi = min(outH - 1, h / stride);
      int owLo = w - size + 1 <= 0 ? 0 : (w - size + stride) / stride;
      int owHi = min(outW - 1, w / stride);
      float acc = 0f;
      for (int oh = ohLo; oh <= ohHi; oh++) {
        for (int ow = owLo; ow <= owHi; ow++) {
          int o = s * outSize + c * area + oh * outW + ow;
          if (argmax[o] == q) acc += dy[o];
        }
      }
      dx[id] = acc;
    }
  }
}
