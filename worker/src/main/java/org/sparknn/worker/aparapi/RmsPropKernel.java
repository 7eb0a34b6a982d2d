package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.optim.OptimizerSpec;

/**
 * RMSprop per parameter (see {@link org.sparknn.optim.RmsPropOptimizer}): g = grad + wd p;
 * v = alpha v + (1 - alpha) g^2; u = g / (sqrt(v) + eps); with momentum b = mu b + u and p -= lr b, else p -= lr u.
 */
final class RmsPropKernel extends UpdateKernel {
  float[] params;
  float[] grads;
  float[] slots; // v, then b when mu > 0
  int size;
  float lr, wd, alpha, eps, mu;

  RmsPropKernel(OpenCLDevice device, float[] params, float[] grads, float[] slots) {
    super(device);
    this.params = params;
    this.grads = grads;
    this.slots = slots;
    this.size = params.length;
    prepare();
  }

  @Override
  void scalars(OptimizerSpec spec, long step) {
    OptimizerSpec.RmsProp r = (OptimizerSpec.RmsProp) spec;
    lr = r.schedule().lr(r.lr(), step);
    wd = r.weightDecay();
    alpha = r.alpha();
    eps = r.eps();
    mu = r.momentum();
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
      float v = alpha * slots[i] + (1f - alpha) * g * g;
      slots[i] = v;
      float u = g / (sqrt(v) + eps);
      if (mu > 0f) {
        float b = mu * slots[size + i] + u;
        slots[size + i] = b;
        params[i] = params[i] - lr * b;
      } else {
        params[i] = params[i] - lr * u;
      }
    }
  }
}
