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
      momentum(params, grads, state.slot(0), lr, wd, mu, state.step() == 0);
    }
    state.advance();
  }

  /**
   * The momentum update, one plain counted loop per case (first step or not, Nesterov or not) with the case tests
   * hoisted out: C2 vectorizes such loops, but not one that tests the cases per element. Same float operations,
   * in the same order, as the formula above.
   */
  private void momentum(float[] p, float[] grads, float[] b, float lr, float wd, float mu, boolean first) {
    float keep = 1f - spec.dampening();
    int n = p.length;
    if (spec.nesterov()) {
      if (first) {
        for (int i = 0; i < n; i++) {
          float g = grads[i] + wd * p[i];
          b[i] = g;
          p[i] -= lr * (g + mu * g);
        }
      } else {
        for (int i = 0; i < n; i++) {
          float g = grads[i] + wd * p[i];
          float m = mu * b[i] + keep * g;
          b[i] = m;
          p[i] -= lr * (g + mu * m);
        }
      }
    } else if (first) {
      for (int i = 0; i < n; i++) {
        float g = grads[i] + wd * p[i];
        b[i] = g;
        p[i] -= lr * g;
      }
    } else {
      for (int i = 0; i < n; i++) {
        float m = mu * b[i] + keep * (grads[i] + wd * p[i]);
        b[i] = m;
        p[i] -= lr * m;
      }
    }
  }

  private int slotCount() {
    return spec.momentum() > 0 ? 1 : 0;
  }
}
