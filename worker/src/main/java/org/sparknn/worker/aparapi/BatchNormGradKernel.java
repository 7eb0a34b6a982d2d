package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Batch-norm backward (training mode, Ioffe &amp; Szegedy 2015), in two passes selected by {@code pass}:
 * pass 0, one work item per channel: sumDy and sumDyXhat over the channel's m values; dbeta = sumDy,
 * dgamma = sumDyXhat (written into the layer's own gradient array). Pass 1, one work item per value:
 * dx = gamma invStd (dy - sumDy / m - xhat sumDyXhat / m).
 */
final class BatchNormGradKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] dy;
  float[] xhat;
  float[] dx;
  float[] params;
  float[] grads;
  float[] invStd;
  float[] sumDy;
  float[] sumDyXhat;
  int gamma, beta, channels, area, size, rows, count, pass;

  BatchNormGradKernel(OpenCLDevice device, float[] dy, float[] xhat, float[] dx, float[] params, float[] grads,
      float[] invStd, float[] sumDy, float[] sumDyXhat) {
    super(device);
    this.dy = dy;
    this.xhat = xhat;
    this.dx = dx;
    this.params = params;
    this.grads = grads;
    this.invStd = invStd;
    this.sumDy = sumDy;
    this.sumDyXhat = sumDyXhat;
    prepare();
  }

  BatchNormGradKernel layer(int channels, int area, int gamma, int beta) {
    this.channels = channels;
    this.area = area;
    this.size = channels * area;
    this.gamma = gamma;
    this.beta = beta;
    return this;
  }

  void sums(int rows) {
    this.rows = rows;
    this.pass = 0;
    launch(range(channels, GROUP));
  }

  void inputGradient(int rows) {
    this.rows = rows;
    this.count = rows * size;
    this.pass = 1;
    if (count > 0) launch(range(count, GROUP));
  }

  @Override
  public void run() {
    int id = getGlobalId();
    if (pass == 0 && id < channels) {
      float s1 = 0f;
      float s2 = 0f;
      for (int r = 0; r < rows; r++) {
        int base = r * size + id * area;
        for (int i = 0; i < area; i++) {
          s1 += dy[base + i];
          s2 += dy[base + i] * xhat[base + i];
        }
      }
      sumDy[id] = s1;
      sumDyXhat[id] = s2;
      grads[beta + id] = s1;
      grads[gamma + id] = s2;
    }
    if (pass == 1 && id < count) {
      int c = (id / area) % channels;
      float m = rows * area;
      dx[id] = params[gamma + c] * invStd[c] * (dy[id] - sumDy[c] / m - xhat[id] * sumDyXhat[c] / m);
    }
  }
}
