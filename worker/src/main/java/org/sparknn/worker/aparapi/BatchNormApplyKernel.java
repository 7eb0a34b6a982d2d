package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Batch-norm per value, given the channel statistics: xhat = (x - mean[c]) invStd[c], y = gamma[c] xhat + beta[c],
 * with xhat kept for backward.
 */
final class BatchNormApplyKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] x;
  float[] y;
  float[] xhat;
  float[] params;
  float[] mean;
  float[] invStd;
  int gamma, beta, channels, area, count;

  BatchNormApplyKernel(OpenCLDevice device, float[] x, float[] y, float[] xhat, float[] params, float[] mean,
      float[] invStd) {
    super(device);
    this.x = x;
    this.y = y;
    this.xhat = xhat;
    this.params = params;
    this.mean = mean;
    this.invStd = invStd;
    prepare();
  }

  BatchNormApplyKernel layer(int channels, int area, int gamma, int beta) {
    this.channels = channels;
    this.area = area;
    this.gamma = gamma;
    this.beta = beta;
    return this;
  }

  void apply(int count) {
    this.count = count;
    if (count > 0) launch(range(count, GROUP));
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < count) {
      int c = (i / area) % channels;
      float h = (x[i] - mean[c]) * invStd[c];
      xhat[i] = h;
      y[i] = params[gamma + c] * h + params[beta + c];
    }
  }
}
