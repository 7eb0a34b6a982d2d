package org.sparknn.optim;

/**
 * Stochastic gradient descent with optional momentum (Polyak 1964) and Nesterov momentum (Nesterov 1983, in the
 * form of Sutskever et al. 2013), exactly as torch.optim.SGD. Per parameter p with gradient g, learning rate lr
 * from the schedule, weight decay wd, momentum mu and dampening d:
 * <pre>
 *   g = g + wd * p                                  (coupled L2 weight decay)
 *   if mu &gt; 0:
 *     b = g                                          on the first update (state.step() == 0)
 *     b = mu * b + (1 - d) * g                       afterwards
 *     g = nesterov ? g + mu * b : b
 *   p = p - lr * g
 * </pre>
 * Deviation from Sutskever et al.'s v = mu v - lr g: lr multiplies the buffer instead of being folded into it, so
 * a changing lr also rescales past momentum (PyTorch's choice, kept for parity). The first-update rule b = g skips
 * dampening, as PyTorch does. State: one slot block (b) when mu &gt; 0, none otherwise.
 */
public final class SgdOptimizer implements Optimizer {
  private final OptimizerSpec.Sgd spec;

  SgdOptimizer(OptimizerSpec.Sgd spec) {
    this.spec = spec;
  }

  @Override
  public OptimizerSpec.Sgd spec() {
    return spec;
  }

  @Override
  public OptState init(int size) {
    return new OptState(0, size, new float[slotCount() * size]);
  }

  @Override
  public void update(float[] params, float[] grads, OptState state) {
    UpdateArgs.check(params, grads, state, slotCount(), "sgd");
    float lr = spec.schedule().lr(spec.lr(), state.step());
    float wd = spec.weightDecay();
    float mu = spec.momentum();
    if (mu == 0) {
      for (int i = 0; i < params.length; i++) {
        params[i] -= lr * (grads[i] + wd * params[i]);
      }
    } else {
      boolean first = state.step() == 0;
      float keep = 1f - spec.dampening();
      boolean nesterov = spec.nesterov();
      float[] b = state.slots();
      for (int i = 0; i < params.length; i++) {
        float g = grads[i] + wd * params[i];
        b[i] = first ? g : mu * b[i] + keep * g;
        params[i] -= lr * (nesterov ? g + mu * b[i] : b[i]);
      }
    }
    state.advance();
  }

  private int slotCount() {
    return spec.momentum() > 0 ? 1 : 0;
  }
}
