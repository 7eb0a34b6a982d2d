package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * SGD per parameter (see {@link org.sparknn.optim.SgdOptimizer}): g = grad + wd p; with momentum mu &gt; 0,
 * b = first ? g : mu b + (1 - dampening) g and g = nesterov ? g + mu b : b; then p = p - lr g.
 */
final class SgdKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] params;
  float[] grads;
  float[] slots; // the momentum buffer b when mu > 0 (a 1-value dummy otherwise)
  int size, first, nesterov;
  float lr, wd, mu, keep;

  SgdKernel(OpenCLDevice device, float[] params, float[] grads, float[] slots) {
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
      if (mu > 0f) {
        float b = first == 1 ? g : mu * slots[i] + keep * g;
        slots[i] = b;
        g = nesterov == 1 ? g + mu * b : b;
      }
      params[i] = params[i] - lr * g;
    }
  }
}
