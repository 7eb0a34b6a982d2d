package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.optim.OptimizerSpec;

/**
 * SGD per parameter (see {@link org.sparknn.optim.SgdOptimizer}): g = grad + wd p; with momentum mu &gt; 0,
 * b = first ? g : mu b + (1 - dampening) g and g = nesterov ? g + mu b : b; then p = p - lr g.
 */
final class SgdKernel extends UpdateKernel {
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

  @Override
  void scalars(OptimizerSpec spec, long step) {
    OptimizerSpec.Sgd s = (OptimizerSpec.Sgd) spec;
    lr = s.schedule().lr(s.lr(), step);
    wd = s.weightDecay();
    mu = s.momentum();
    keep = 1f - s.dampening();
    first = step == 0 ? 1 : 0;
    nesterov = s.nesterov() ? 1 : 0;
  }

  @Override
  int size() {
    return size;
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
