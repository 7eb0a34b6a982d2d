package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/** Adagrad per parameter (see {@link org.sparknn.optim.AdagradOptimizer}): g = grad + wd p; s += g^2;
 * p = p - lr g / (sqrt(s) + eps). */
final class AdagradKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] params;
  float[] grads;
  float[] slots;
  int size;
  float lr, wd, eps;

  AdagradKernel(OpenCLDevice device, float[] params, float[] grads, float[] slots) {
    super(device);
    this.params = params;
    this.grads = grads;
    this.slots = slots;
    this.size = params.length;
    prepare();
  }

  void update() {
    if (size > 0) launch(range(size, GROUP));
  }

  @Override
  public void run() {
    int i = getGlobalId();
    if (i < size) {
      float g = grads[i] + wd * params[i];
      float s = slots[i] + g * g;
      slots[i] = s;
      params[i] = params[i] - lr * g / (sqrt(s) + eps);
    }
  }
}
