package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.optim.OptimizerSpec;

/**
 * Adam / AdamW per parameter (see {@link org.sparknn.optim.AdamOptimizer}): p = p keep (AdamW's decoupled decay,
 * 1 for Adam); g = grad + wd p; m = b1 m + (1 - b1) g; v = b2 v + (1 - b2) g^2;
 * p = p - stepSize m / (sqrt(v) / correction2 + eps). The step-dependent scalars come from the host in float,
 * computed in double as the CPU optimizer does. m and v are slot blocks 0 and 1 of {@code slots}.
 */
final class AdamKernel extends UpdateKernel {
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

  @Override
  void scalars(OptimizerSpec spec, long step) {
    long t = step + 1;
    float lr = spec.schedule().lr(spec.lr(), step);
    if (spec instanceof OptimizerSpec.AdamW w) { // decoupled decay: p * (1 - lr wd), then Adam without decay
      set(w.beta1(), w.beta2(), w.eps(), (float) (1 - (double) lr * w.weightDecay()), 0f, lr, t);
    } else {
      OptimizerSpec.Adam a = (OptimizerSpec.Adam) spec;
      set(a.beta1(), a.beta2(), a.eps(), 1f, a.weightDecay(), lr, t);
    }
  }

  private void set(float beta1, float beta2, float eps, float keep, float wd, float lr, long t) {
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.eps = eps;
    this.keep = keep;
    this.wd = wd;
    this.stepSize = (float) (lr / (1 - Math.pow(beta1, t))); // bias corrections in double, as the CPU optimizer
    this.correction2 = (float) Math.sqrt(1 - Math.pow(beta2, t));
  }

  @Override
  int size() {
    return size;
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
