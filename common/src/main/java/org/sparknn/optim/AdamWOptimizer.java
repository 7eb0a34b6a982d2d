package org.sparknn.optim;

/**
 * AdamW: Adam with decoupled weight decay (Loshchilov &amp; Hutter 2019), as torch.optim.AdamW. Per update, with
 * learning rate lr from the schedule:
 * <pre>
 *   p = p - lr * wd * p                             (decoupled decay, applied first)
 *   then the {@link AdamOptimizer} update with no L2 term in the gradient
 * </pre>
 * Deviation from the paper, as PyTorch: the decay is scaled by lr itself rather than by the schedule multiplier
 * eta_t alone, so the paper's lambda corresponds to lr * wd here. State: the same as Adam (m, then v).
 */
public final class AdamWOptimizer implements Optimizer {
  private final OptimizerSpec.AdamW spec;
  private final AdamOptimizer adam;

  AdamWOptimizer(OptimizerSpec.AdamW spec) {
    this.spec = spec;
    this.adam = new AdamOptimizer(
        new OptimizerSpec.Adam(spec.lr(), spec.beta1(), spec.beta2(), spec.eps(), 0f, spec.schedule()));
  }

  @Override
  public OptimizerSpec.AdamW spec() {
    return spec;
  }

  @Override
  public OptState init(int size) {
    return adam.init(size);
  }

  @Override
  public void update(float[] params, float[] grads, OptState state) {
    update(params, grads, 1f, state);
  }

  @Override
  public void update(float[] params, float[] grads, float gradScale, OptState state) {
    apply(params, grads, gradScale, state, false);
  }

  @Override
  public boolean updateChecked(float[] params, float[] grads, float gradScale, OptState state) {
    return apply(params, grads, gradScale, state, true);
  }

  private boolean apply(float[] params, float[] grads, float gradScale, OptState state, boolean checked) {
    UpdateArgs.check(params, grads, state, 2, spec.type()); // before the decay touches params
    float lr = spec.schedule().lr(spec.lr(), state.step());
    float keep = (float) (1 - (double) lr * spec.weightDecay());
    return adam.apply(params, grads, gradScale, state, keep, checked); // decays in the same pass, same step's lr
  }
}
