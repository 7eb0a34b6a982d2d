package org.sparknn.optim;

import java.util.Arrays;

/**
 * Adagrad (Duchi, Hazan &amp; Singer 2011, diagonal form), as torch.optim.Adagrad with lr_decay = 0. Per parameter p
 * with gradient g, learning rate lr from the schedule:
 * <pre>
 *   g = g + wd * p                                  (coupled L2 weight decay)
 *   s = s + g^2                                     (s starts at initial_accumulator)
 *   p = p - lr * g / (sqrt(s) + eps)
 * </pre>
 * Deviations from the paper, as PyTorch: eps is added to the root for stability, and the accumulator may start
 * above zero. PyTorch's lr_decay is not offered; use a schedule. State: one slot block (s).
 */
public final class AdagradOptimizer implements Optimizer {
  private final OptimizerSpec.Adagrad spec;

  AdagradOptimizer(OptimizerSpec.Adagrad spec) {
    this.spec = spec;
  }

  @Override
  public OptimizerSpec.Adagrad spec() {
    return spec;
  }

  @Override
  public OptState init(int size) {
    float[] sums = new float[size];
    Arrays.fill(sums, spec.initialAccumulator());
    return new OptState(0, size, sums);
  }

  @Override
  public void update(float[] params, float[] grads, OptState state) {
    UpdateArgs.check(params, grads, state, 1, spec.type());
    float lr = spec.schedule().lr(spec.lr(), state.step());
    float eps = spec.eps();
    float wd = spec.weightDecay();
    float[] s = state.slot(0);
    for (int i = 0; i < params.length; i++) {
      float g = grads[i] + wd * params[i];
      s[i] += g * g;
      params[i] -= lr * g / ((float) Math.sqrt(s[i]) + eps);
    }
    state.advance();
  }
}
