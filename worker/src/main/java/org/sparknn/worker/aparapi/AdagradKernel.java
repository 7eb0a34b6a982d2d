package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.optim.OptimizerSpec;

/** Adagrad per parameter (see {@link org.sparknn.optim.AdagradOptimizer}): g = grad + wd p; s += g^2;
 * p = p - lr g / (sqrt(s) + eps). */
final class AdagradKernel extends UpdateKernel {
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

  @Override
  void scalars(OptimizerSpec spec, long step) {
    OptimizerSpec.Adagrad a = (OptimizerSpec.Adagrad) spec;
    lr = a.schedule().lr(a.lr(), step);
    wd = a.weightDecay();
    eps = a.eps();
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
      float s = slots[i] + g * g;
      slots[i] = s;
      params[i] = params[i] - lr * g / (sqrt(s) + eps);
    }
  }
}
