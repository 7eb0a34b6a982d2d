package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Element-wise activations and their derivatives, written from the output as the CPU backend does:
 * forward relu, sigmoid 1/(1+e^-x), tanh; backward dx = dy [x &gt; 0], dy y (1 - y), dy (1 - y^2).
 * {@code kind}: 0 relu, 1 sigmoid, 2 tanh; {@code backward}: 0 forward (x to y), 1 backward (dy to dx).
 */
final class ActivationKernel extends DeviceKernel {
  static final int GROUP = 64;
  static final int RELU = 0;
  static final int SIGMOID = 1;
  static final int TANH = 2;

  float[] x;
  float[] y;
  float[] dy;
  float[] dx;
  int kind, backward, count;

  ActivationKernel(OpenCLDevice device, int kind, float[] x, float[] y, float[] dy, float[] dx) {
    super(device);
    this.kind = kind;
    this.x = x;
    this.y = y;
    this.dy = dy;
    this.dx = dx;
    prepare();
  }

  void forward(int count) {
    this.backward = 0;
    this.count = count;
    if (count > 0) launch(range(count, GROUP));
  }

  void backward(int count) {
    this.backward = 1;
    this.count = count;
    if (count > 0) launch(range(count, GROUP));
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < count) {
      if (backward == 0) {
        float v = x[i];
        if (kind == RELU) {
          y[i] = v > 0f ? v : 0f;
        } else if (kind == SIGMOID) {
          y[i] = 1f / (1f + exp(-v));
        } else {
          y[i] = tanh(v);
        }
      } else {
        float g = dy[i];
        if (kind == RELU) {
          dx[i] = x[i] > 0f ? g : 0f;
        } else if (kind == SIGMOID) {
          dx[i] = g * y[i] * (1f - y[i]);
        } else {
          dx[i] = g * (1f - y[i] * y[i]);
        }
      }
    }
  }
}
