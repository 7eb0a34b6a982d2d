package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Direct 2-D cross-correlation on CHW samples with square kernels, stride and zero padding, in three passes:
 * <ul>
 *   <li>0, one work item per output: y[s][f][oh][ow] = b[f] + sum_{c,i,j} W[f][c][i][j] x[s][c][oh*st+i-p][ow*st+j-p]</li>
 *   <li>1, one work item per weight: dW[f][c][i][j] = sum_{s,oh,ow} dY[s][f][oh][ow] x[s][c][oh*st+i-p][ow*st+j-p]</li>
 *   <li>2, one work item per input: dX[s][c][h][w] = sum over (f, i, j) with h = oh*st+i-p, w = ow*st+j-p of
 *       W[f][c][i][j] dY[s][f][oh][ow]</li>
 * </ul>
 * Direct rather than im2col + matrix product: Aparapi gives every kernel its own OpenCL context, so an im2col
 * matrix would cross the bus twice per pass; the direct form reads only x, W and dY. Each pass writes its output
 * (never accumulates), so launches are independent and order-free.
 */
final class Conv2DKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] x;
  float[] w;  // [F][C][k][k] then bias [F]
  float[] y;
  float[] dy;
  float[] dw; // same layout as w (bias part written by ChannelSumKernel)
  float[] dx;
  int inC, inH, inW, filters, outH, outW, k, stride, pad, rows, pass;

  Conv2DKernel(OpenCLDevice device, float[] x, float[] w, float[] y, float[] dy, float[] dw, float[] dx) {
    super(device);
    this.x = x;
    this.w = w;
    this.y = y;
    this.dy = dy;
    this.dw = dw;
    this.dx = dx;
    prepare();
  }

  Conv2DKernel geometry(int inC, int inH, int inW, int filters, int outH, int outW, int k, int stride, int pad) {
    this.inC = inC;
    this.inH = inH;
    this.inW = inW;
    this.filters = filters;
    this.outH = outH;
    this.outW = outW;
    this.k = k;
    this.stride = stride;
    this.pad = pad;
    return this;
  }

  void forward(int rows) {
    run(0, rows, rows * filters * outH * outW);
  }

  void weightGradient(int rows) {
    run(1, rows, filters * inC * k * k);
  }

  void inputGradient(int rows) {
    run(2, rows, rows * inC * inH * inW);
  }

  private void run(int pass, int rows, int items) {
    this.pass = pass;
    this.rows = rows;
    if (items > 0) launch(range(items, GROUP));
  }

  @Override
  public void run() {
    int id = getGlobalId();
    if (pass == 0) forwardAt(id);
    if (pass == 1) weightGradientAt(id);
    if (pass == 2) inputGradientAt(id);
  }

  // Loop bounds, not tests inside the loops, skip the padding: Aparapi 3.0.2 cannot rebuild the control flow of
  // bounds tests nested in loops ("child list broken"), and the kernel is simpler to read this way too.

  private void forwardAt(int id) {
    int area = outH * outW;
    int outSize = filters * area;
    if (id < rows * outSize) {
      int s = id / outSize;
      int f = (id % outSize) / area;
      int oh = (id % area) / outW;
      int ow = id % outW;
      int iLo = max(0, pad - oh * stride);
      int iHi = min(k, inH + pad - oh * stride);
      int jLo = max(0, pad - ow * stride);
      int jHi = min(k, inW + pad - ow * stride);
      float acc = 0f;
      for (int c = 0; c < inC; c++) {
        int xBase = s * inC * inH * inW + c * inH * inW + (oh * stride - pad) * inW + ow * stride - pad;
        int wBase = (f * inC + c) * k * k;
        for (int i = iLo; i < iHi; i++) {
          for (int j = jLo; j < jHi; j++) acc += w[wBase + i * k + j] * x[xBase + i * inW + j];
        }
      }
      y[id] = acc + w[filters * inC * k * k + f];
    }
  }

  private void weightGradientAt(int id) {
    int kk = k * k;
    if (id < filters * inC * kk) {
      int f = id / (inC * kk);
      int c = (id / kk) % inC;
      int i = (id % kk) / k;
      int j = id % k;
      int area = outH * outW;
      int ohLo = max(0, (pad - i + stride - 1) / stride);
      int ohHi = min(outH, (inH - 1 + pad - i + stride) / stride);
      int owLo = max(0, (pad - j + stride - 1) / stride);
      int owHi = min(outW, (inW - 1 + pad - j + stride) / stride);
      float acc = 0f;
      for (int s = 0; s < rows; s++) {
        int dyBase = s * filters * area + f * area;
        int xBase = s * inC * inH * inW + c * inH * inW + (i - pad) * inW + j - pad;
        for (int oh = ohLo; oh < ohHi; oh++) {
          for (int ow = owLo; ow < owHi; ow++) {
            acc += dy[dyBase + oh * outW + ow] * x[xBase + oh * stride * inW + ow * stride];
          }
        }
      }
      dw[id] = acc;
    }
  }

  private void inputGradientAt(int id) {
    int plane = inH * inW;
    int inSize = inC * plane;
    if (id < rows * inSize) {
      int s = id / inSize;
      int c = (id % inSize) / plane;
      int h = (id % plane) / inW;
      int wc = id % inW;
      int area = outH * outW;
      // taps i with h + pad - i = oh * stride, 0 <= oh < outH: i = h + pad - oh * stride over that oh range
      int ohLo = max(0, (h + pad - k + stride) / stride);
      int ohHi = min(outH, (h + pad) / stride + 1);
      int owLo = max(0, (wc + pad - k + stride) / stride);
      int owHi = min(outW, (wc + pad) / stride + 1);
      float acc = 0f;
      for (int oh = ohLo; oh < ohHi; oh++) {
        int i = h + pad - oh * stride;
        for (int ow = owLo; ow < owHi; ow++) {
          int j = wc + pad - ow * stride;
          for (int f = 0; f < filters; f++) {
            acc += w[((f * inC + c) * k + i) * k + j] * dy[s * filters * area + f * area + oh * outW + ow];
          }
        }
      }
      dx[id] = acc;
    }
  }
}
