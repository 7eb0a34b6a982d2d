package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;

/**
 * Adam / AdamW per parameter (see {@link org.sparknn.optim.AdamOptimizer}): p = p keep (AdamW's decoupled decay,
 * 1 for Adam); g = grad + wd p; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p = p - stepSize m / (sqrt(v) / correction2 + eps). The step-dependent scalars come from the host in float,
 * computed in double as the CPU optimizer does. m and v are slot blocks 0 and 1 of {@code slots}.
 */
final class AdamKernel extends DeviceKernel {
  static final int GROUP = 64;

  float[] params;
  float[] grads;
  float[] slots;
  int size;
  float keep, wd, beta1, beta2, stepSize, correction2, eps;

  AdamKernel(OpenCLDevice device, float[] params, float[] grads, float[] slots) {
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
      float p = params[i] * keep;
      float g = grads[i] + wd * p;
      float m = beta1 * slots[i] + (1f - beta1) * g;
      float v = beta2 * slots[size + i] + (1f - beta2) * g * g;
      slots[i] = m;
      slots[size + i] = v;
      params[i] = p - stepSize * m / (sqrt(v) / correction2 + eps);
    }
  }
}
