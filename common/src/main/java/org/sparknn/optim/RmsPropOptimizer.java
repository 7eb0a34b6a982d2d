package org.sparknn.optim;

/**
 * RMSprop (Tieleman &amp; Hinton 2012, Coursera lecture 6.5), non-centered, as torch.optim.RMSprop. Per parameter p
 * with gradient g, learning rate lr from the schedule, decay alpha, momentum mu:
 * <pre>
 *   g = g + wd * p                                  (coupled L2 weight decay)
 *   v = alpha * v + (1 - alpha) * g^2               (v starts at 0)
 *   if mu &gt; 0:  b = mu * b + g / (sqrt(v) + eps);  p = p - lr * b      (b starts at 0)
 *   else:       p = p - lr * g / (sqrt(v) + eps)
 * </pre>
 * The lecture gives only the running mean square; eps outside the root and momentum on the scaled gradient are
 * PyTorch's choices, kept for parity. State: slot block 0 holds v, block 1 holds b when mu &gt; 0.
 */
public final class RmsPropOptimizer implements Optimizer {
  private final OptimizerSpec.RmsProp spec;

  RmsPropOptimizer(OptimizerSpec.RmsProp spec) {
    this.spec = spec;
  }

  @Override
  public OptimizerSpec.RmsProp spec() {
    return spec;
  }

  @Override
  public OptState init(int size) {
    return new OptState(0, size, new float[slotCount() * size]);
  }

  @Override
  public void update(float[] params, float[] grads, OptState state) {
    UpdateArgs.check(params, grads, state, slotCount(), spec.type());
    float lr = spec.schedule().lr(spec.lr(), state.step());
    float alpha = spec.alpha();
    float eps = spec.eps();
    float mu = spec.momentum();
    float wd = spec.weightDecay();
    float[] v = state.slot(0);
    float[] b = mu > 0 ? state.slot(1) : null;
    for (int i = 0; i < params.length; i++) {
      float g = grads[i] + wd * params[i];
      v[i] = alpha * v[i] + (1f - alpha) * g * g;
      float scaled = g / ((float) Math.sqrt(v[i]) + eps);
      if (mu > 0) {
        b[i] = mu * b[i] + scaled;
        params[i] -= lr * b[i];
      } else {
        params[i] -= lr * scaled;
      }
    }
    state.advance();
  }

  private int slotCount() {
    return spec.momentum() > 0 ? 2 : 1;
  }
}
