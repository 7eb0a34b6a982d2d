package org.sparknn.optim;

/**
 * Adam (Kingma &amp; Ba 2015, Algorithm 1), as torch.optim.Adam. At update t = state.step() + 1, per parameter p with
 * gradient g, learning rate lr from the schedule:
 * <pre>
 *   g = g + wd * p                                  (coupled L2 weight decay; not in the paper)
 *   m = beta1 * m + (1 - beta1) * g
 *   v = beta2 * v + (1 - beta2) * g^2
 *   p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps)
 * </pre>
 * which is the paper's p - lr * m_hat / (sqrt(v_hat) + eps) with eps added to sqrt(v_hat), written as PyTorch
 * evaluates it. The bias-correction powers are computed in double (beta2^t for large t loses digits in float);
 * the per-parameter loop is float. State: slot block 0 holds m, block 1 holds v.
 */
public final class AdamOptimizer implements Optimizer {
  private final OptimizerSpec.Adam spec;

  AdamOptimizer(OptimizerSpec.Adam spec) {
    this.spec = spec;
  }

  @Override
  public OptimizerSpec.Adam spec() {
    return spec;
  }

  @Override
  public OptState init(int size) {
    return new OptState(0, size, new float[2 * size]);
  }

  @Override
  public void update(float[] params, float[] grads, OptState state) {
    UpdateArgs.check(params, grads, state, 2, spec.type());
    float lr = spec.schedule().lr(spec.lr(), state.step());
    long t = state.step() + 1;
    float stepSize = (float) (lr / (1 - Math.pow(spec.beta1(), t)));
    float correction2 = (float) Math.sqrt(1 - Math.pow(spec.beta2(), t));
    float beta1 = spec.beta1();
    float beta2 = spec.beta2();
    float eps = spec.eps();
    float wd = spec.weightDecay();
    float[] s = state.slots();
    int m = state.slotOffset(0);
    int v = state.slotOffset(1);
    float invCorrection2 = 1f / correction2; // a multiply per parameter instead of a second division
    for (int i = 0; i < params.length; i++) {
      float p = params[i];
      float g = grads[i] + wd * p;
      float mi = beta1 * s[m + i] + (1f - beta1) * g;
      float vi = beta2 * s[v + i] + (1f - beta2) * g * g;
      s[m + i] = mi;
      s[v + i] = vi;
      params[i] = p - stepSize * mi / ((float) Math.sqrt(vi) * invCorrection2 + eps);
    }
    state.advance();
  }
}
