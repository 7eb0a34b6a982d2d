package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * The softmax activation per row of {@code width}, one work item per row: forward y = exp(x - max) / sum;
 * backward dx = y (dy - sum_j dy_j y_j). (Not needed before softmax cross-entropy, which has its own kernel.)
 */
final class SoftmaxKernel extends DeviceKernel {
  static final int GROUP = 16;

  float[] x;
  float[] y;
  float[] dy;
  float[] dx;
  int width, rows, backward;

  SoftmaxKernel(OpenCLDevice device, int width, float[] x, float[] y, float[] dy, float[] dx) {
    super(device);
    this.width = width;
    this.x = x;
    this.y = y;
    this.dy = dy;
    this.dx = dx;
    prepare();
  }

  void forward(int rows) {
    this.backward = 0;
    this.rows = rows;
    if (rows > 0) launch(range(rows, GROUP));
  }

  void backward(int rows) {
    this.backward = 1;
    this.rows = rows;
    if (rows > 0) launch(range(rows, GROUP));
  }

  @Override
  public void run() {
    int r = getGlobalId();
    if (r < rows) {
      int o = r * width;
      if (backward == 0) {
        float max = x[o];
        for (int j = 1; j < width; j++) max = max(max, x[o + j]);
        float sum = 0f;
        for (int j = 0; j < width; j++) {
          float e = exp(x[o + j] - max);
          y[o + j] = e;
          sum += e;
        }
        float inv = 1f / sum;
        for (int j = 0; j < width; j++) y[o + j] = y[o + j] * inv;
      } else {
        float dot = 0f;
        for (int j = 0; j < width; j++) dot += dy[o + j] * y[o + j];
        for (int j = 0; j < width; j++) dx[o + j] = y[o + j] * (dy[o + j] - dot);
      }
    }
  }
}
