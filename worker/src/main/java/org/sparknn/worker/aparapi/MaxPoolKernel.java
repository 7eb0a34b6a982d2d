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
    if (pass == 0) forwardAt(id);
    if (pass == 1) backwardAt(id);
  }

  private void forwardAt(int id) {
    int plane = inH * inW;
    int area = outH * outW;
    int outSize = channels * area;
    if (id < rows * outSize) {
      int s = id / outSize;
      int c = (id % outSize) / area;
      int oh = (id % area) / outW;
      int ow = id % outW;
      int xBase = s * channels * plane;
      int best = c * plane + oh * stride * inW + ow * stride;
      float bestValue = x[xBase + best];
      for (int i = 0; i < size; i++) {
        int line = c * plane + (oh * stride + i) * inW + ow * stride;
        for (int j = 0; j < size; j++) {
          float v = x[xBase + line + j];
          if (v > bestValue) { // strict: the first maximum wins ties
            bestValue = v;
            best = line + j;
          }
        }
      }
      y[id] = bestValue;
      argmax[id] = best;
    }
  }

  private void backwardAt(int id) {
    int plane = inH * inW;
    int inSize = channels * plane;
    int area = outH * outW;
    if (id < rows * inSize) {
      int s = id / inSize;
      int q = id % inSize;
      int c = q / plane;
      int h = (q % plane) / inW;
      int w = q % inW;
      // windows containing (h, w): oh * stride <= h <= oh * stride + size - 1, likewise ow
      int ohLo = max(0, (h - size + stride) / stride);
      int ohHi = min(outH, h / stride + 1);
      int owLo = max(0, (w - size + stride) / stride);
      int owHi = min(outW, w / stride + 1);
      int oBase = s * channels * area + c * area;
      float acc = 0f;
      for (int oh = ohLo; oh < ohHi; oh++) {
        for (int ow = owLo; ow < owHi; ow++) {
          int o = oBase + oh * outW + ow;
          acc += argmax[o] == q ? dy[o] : 0f;
        }
      }
      dx[id] = acc;
    }
  }
}
