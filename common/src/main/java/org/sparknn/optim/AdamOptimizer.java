package org.sparknn.optim;

import org.sparknn.simd.Finite;
import org.sparknn.simd.VectorSupport;

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
    update(params, grads, 1f, state);
  }

  @Override
  public void update(float[] params, float[] grads, float gradScale, OptState state) {
    UpdateArgs.check(params, grads, state, 2, spec.type());
    apply(params, grads, gradScale, state, 1f, false);
  }

  @Override
  public boolean updateChecked(float[] params, float[] grads, float gradScale, OptState state) {
    UpdateArgs.check(params, grads, state, 2, spec.type());
    return apply(params, grads, gradScale, state, 1f, true);
  }

  /**
   * The update with gradient {@code gradScale * grads}, after scaling each parameter by {@code keep}, all in one
   * pass (keep is AdamW's decoupled decay, see {@link AdamWOptimizer}). {@code checked} (the parameter server's
   * update): returns whether every parameter is finite afterwards, found in the same pass where
   * {@link VectorSupport#ENABLED}; otherwise returns true. The same floats either way.
   */
  boolean apply(float[] params, float[] grads, float gradScale, OptState state, float keep, boolean checked) {
    float lr = spec.schedule().lr(spec.lr(), state.step());
    long t = state.step() + 1;
    float stepSize = (float) (lr / (1 - Math.pow(spec.beta1(), t)));
    float correction2 = (float) Math.sqrt(1 - Math.pow(spec.beta2(), t));
    Coefficients c = new Coefficients(stepSize, 1f / correction2, spec.beta1(), spec.beta2(), spec.eps(),
        spec.weightDecay(), gradScale, keep);
    float[] m = state.slot(0);
    float[] v = state.slot(1);
    if (!checked) {
      step(params, grads, m, v, 0, params.length, c);
      state.advance();
      return true;
    }
    boolean finite = stepChecked(params, grads, m, v, 0, params.length, c, VectorSupport.ENABLED);
    state.advance();
    return finite;
  }

  /** {@link #step}, then whether params[lo, hi) are all finite: in one pass in vectors, else a second one. */
  static boolean stepChecked(float[] params, float[] grads, float[] m, float[] v, int lo, int hi, Coefficients c,
      boolean vector) {
    if (vector) return AdamVectorStep.step(params, grads, m, v, lo, hi, c);
    step(params, grads, m, v, lo, hi, c);
    return Finite.all(params, lo, hi);
  }

  /**
   * One update's scalars; {@code gradScale} multiplies each gradient, {@code keep} each parameter before anything
   * else (AdamW's decoupled decay; 1 for Adam).
   */
  record Coefficients(float stepSize, float invCorrection2, float beta1, float beta2, float eps, float wd,
      float gradScale, float keep) {}

  /**
   * The per-parameter update over [lo, hi), m in {@code m[lo, hi)} and v in {@code v[lo, hi)}: a plain counted loop with
   * every index {@code i} and the scalars in locals, so C2 vectorizes it (sqrt and division included). Multiplying
   * by a scale of 1 changes nothing, so plain Adam shares the loop with AdamW and with callers that pre-scaled.
   */
  static void step(float[] params, float[] grads, float[] m, float[] v, int lo, int hi, Coefficients c) {
    float stepSize = c.stepSize();
    float invCorrection2 = c.invCorrection2(); // a multiply per parameter instead of a second division
    float beta1 = c.beta1();
    float beta2 = c.beta2();
    float oneMinusBeta1 = 1f - beta1;
    float oneMinusBeta2 = 1f - beta2;
    float eps = c.eps();
    float wd = c.wd();
    float gradScale = c.gradScale();
    float keep = c.keep();
    for (int i = lo; i < hi; i++) {
      float p = params[i] * keep;
      float g = grads[i] * gradScale + wd * p;
      float mi = beta1 * m[i] + oneMinusBeta1 * g;
      float vi = beta2 * v[i] + oneMinusBeta2 * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = p - stepSize * mi / ((float) Math.sqrt(vi) * invCorrection2 + eps);
    }
  }
}
