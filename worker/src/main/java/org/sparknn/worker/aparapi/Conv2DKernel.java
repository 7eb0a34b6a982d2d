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
    int area = outH * outW;
    int plane = inH * inW;
    int inSize = inC * plane;
    int outSize = filters * area;
    int kk = k * k;
    if (pass == 0) {
      if (id < rows * outSize) {
        int s = id / outSize;
        int f = (id % outSize) / area;
        int oh = (id % area) / outW;
        int ow = id % outW;
        float acc = 0f;
        for (int c = 0; c < inC; c++) {
          for (int i = 0; i < k; i++) {
            int ih = oh * stride + i - pad;
            if (ih >= 0 && ih < inH) {
              for (int j = 0; j < k; j++) {
                int iw = ow * stride + j - pad;
                if (iw >= 0 && iw < inW) acc += w[((f * inC + c) * k + i) * k + j] * x[s * inSize + c * plane + ih * inW + iw];
              }
            }
          }
        }
        y[id] = acc + w[filters * inC * kk + f];
      }
    } else if (pass == 1) {
      if (id < filters * inC * kk) {
        int f = id / (inC * kk);
        int c = (id / kk) % inC;
        int i = (id % kk) / k;
        int j = id % k;
        float acc = 0f;
        for (int s = 0; s < rows; s++) {
          for (int oh = 0; oh < outH; oh++) {
            int ih = oh * stride + i - pad;
            if (ih >= 0 && ih < inH) {
              for (int ow = 0; ow < outW; ow++) {
                int iw = ow * stride + j - pad;
                if (iw >= 0 && iw < inW) acc += dy[s * outSize + f * area + oh * outW + ow] * x[s * inSize + c * plane + ih * inW + iw];
              }
            }
          }
        }
        dw[id] = acc;
      }
    } else if (id < rows * inSize) {
      int s = id / inSize;
      int c = (id % inSize) / plane;
      int h = (id % plane) / inW;
      int wc = id % inW;
      float acc = 0f;
      for (int i = 0; i < k; i++) {
        int ohs = h + pad - i; // = oh * stride when this tap row lands on h
        if (ohs >= 0 && ohs % stride == 0 && ohs / stride < outH) {
          for (int j = 0; j < k; j++) {
            int ows = wc + pad - j;
            if (ows >= 0 && ows % stride == 0 && ows / stride < outW) {
              for (int f = 0; f < filters; f++) {
                acc += w[((f * inC + c) * k + i) * k + j] * dy[s * outSize + f * area + (ohs / stride) * outW + ows / stride];
              }
            }
          }
        }
      }
      dx[id] = acc;
    }
  }
}
