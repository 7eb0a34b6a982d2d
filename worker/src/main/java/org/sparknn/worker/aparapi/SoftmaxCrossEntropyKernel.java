package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Fused softmax cross-entropy per row of logits z, one work item per row: loss[r] = logsumexp(z) - z[label] and,
 * when {@code withGradient} is 1, dz = softmax(z) - onehot(label). Labels are class indices, checked on the host.
 * Also writes the row's argmax (first maximum) so accuracy needs no extra pass.
 */
final class SoftmaxCrossEntropyKernel extends DeviceKernel {
  static final int GROUP = 16;

  float[] z;
  float[] labels;
  float[] dz;
  float[] loss;
  int[] argmax;
  int width, rows, withGradient;

  SoftmaxCrossEntropyKernel(OpenCLDevice device, int width, float[] z, float[] labels, float[] dz, float[] loss,
      int[] argmax) {
    super(device);
    this.width = width;
    this.z = z;
    this.labels = labels;
    this.dz = dz;
    this.loss = loss;
    this.argmax = argmax;
    prepare();
  }

  void apply(int rows, boolean withGradient) {
    this.rows = rows;
    this.withGradient = withGradient ? 1 : 0;
    if (rows > 0) launch(range(rows, GROUP));
  }

  @Override
  public void run() {
    int r = getGlobalId();
    if (r < rows) {
      int o = r * width;
      float max = z[o];
      int best = 0;
      for (int j = 1; j < width; j++) {
        if (z[o + j] > max) {
          max = z[o + j];
          best = j;
        }
      }
      float sum = 0f;
      for (int j = 0; j < width; j++) sum += exp(z[o + j] - max);
      int label = (int) labels[r];
      loss[r] = log(sum) + max - z[o + label];
      argmax[r] = best;
      if (withGradient == 1) {
        float inv = 1f / sum;
        for (int j = 0; j < width; j++) dz[o + j] = exp(z[o + j] - max) * inv - (j == label ? 1f : 0f);
      }
    }
  }
}
