package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Batch-norm statistics per channel c, one work item per channel, over the m = rows * area values
 * x[r * size + c * area + i]. Training: mean, biased variance by a second pass over squared deviations,
 * invStd = 1 / sqrt(var + eps), and the running averages (unbiased variance var * m / (m - 1), as PyTorch).
 * Inference: mean and invStd from the running statistics. Compensated float sums; the CPU twin sums in double.
 */
final class BatchNormStatsKernel extends DeviceKernel {
  static final int GROUP = 16;

  float[] x;
  float[] buffers;
  float[] mean;
  float[] invStd;
  int runningMean, runningVar;
  int channels, area, size, rows, training;
  float momentum, eps;

  BatchNormStatsKernel(OpenCLDevice device, float[] x, float[] buffers, float[] mean, float[] invStd) {
    super(device);
    this.x = x;
    this.buffers = buffers;
    this.mean = mean;
    this.invStd = invStd;
    prepare();
  }

  BatchNormStatsKernel layer(int channels, int area, float momentum, float eps, int runningMean, int runningVar) {
    this.channels = channels;
    this.area = area;
    this.size = channels * area;
    this.momentum = momentum;
    this.eps = eps;
    this.runningMean = runningMean;
    this.runningVar = runningVar;
    return this;
  }

  void compute(int rows, boolean training) {
    this.rows = rows;
    this.training = training ? 1 : 0;
    launch(range(channels, GROUP));
  }

  @Override
  public void run() {
    int c = getGlobalId();
    if (c < channels) {
      if (training == 1) {
        float m = rows * area;
        float s = 0f;
        float comp = 0f;
        for (int r = 0; r < rows; r++) {
          for (int i = r * size + c * area; i < r * size + c * area + area; i++) {
            float yv = x[i] - comp;
            float t = s + yv;
            comp = (t - s) - yv;
            s = t;
          }
        }
        float mu = s / m;
        s = 0f;
        comp = 0f;
        for (int r = 0; r < rows; r++) {
          for (int i = r * size + c * area; i < r * size + c * area + area; i++) {
            float dev = x[i] - mu;
            float yv = dev * dev - comp;
            float t = s + yv;
            comp = (t - s) - yv;
            s = t;
          }
        }
        float var = s / m;
        mean[c] = mu;
        invStd[c] = 1f / sqrt(var + eps);
        float unbiased = m > 1f ? var * m / (m - 1f) : var;
        buffers[runningMean + c] = (1f - momentum) * buffers[runningMean + c] + momentum * mu;
        buffers[runningVar + c] = (1f - momentum) * buffers[runningVar + c] + momentum * unbiased;
      } else {
        mean[c] = buffers[runningMean + c];
        invStd[c] = 1f / sqrt(buffers[runningVar + c] + eps);
      }
    }
  }
}
