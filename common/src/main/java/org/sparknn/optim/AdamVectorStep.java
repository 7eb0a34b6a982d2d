package org.sparknn.optim;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link AdamOptimizer#step} in explicit vectors, which can also tell whether every new parameter is finite in the
 * same pass (C2 does not vectorize the scalar loop once it carries that sum). The parameter server needs both
 * after every step; the separate check read the whole model again: 0.5 ms a step for B2, for about 0.1 ms more
 * here. Every lane does the scalar loop's float operations in its order (IEEE, no fused multiply-add), so the
 * results are the same floats. Load only when {@link org.sparknn.simd.VectorSupport#ENABLED}.
 */
final class AdamVectorStep {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private AdamVectorStep() {}

  /** The update of [lo, hi); returns whether all of params[lo, hi) are finite afterwards. */
  static boolean step(float[] params, float[] grads, float[] m, float[] v, int lo, int hi,
      AdamOptimizer.Coefficients c) {
    // the scalars as vectors, once: each lane then does the scalar loop's operations
    FloatVector stepSize = FloatVector.broadcast(S, c.stepSize());
    FloatVector invCorrection2 = FloatVector.broadcast(S, c.invCorrection2());
    FloatVector beta1 = FloatVector.broadcast(S, c.beta1());
    FloatVector beta2 = FloatVector.broadcast(S, c.beta2());
    FloatVector oneMinusBeta1 = FloatVector.broadcast(S, 1f - c.beta1());
    FloatVector oneMinusBeta2 = FloatVector.broadcast(S, 1f - c.beta2());
    FloatVector eps = FloatVector.broadcast(S, c.eps());
    FloatVector wd = FloatVector.broadcast(S, c.wd());
    FloatVector gradScale = FloatVector.broadcast(S, c.gradScale());
    FloatVector keep = FloatVector.broadcast(S, c.keep());
    FloatVector finite = FloatVector.zero(S); // sums p * 0: stays 0 while every p is finite
    int i = lo;
    for (int end = lo + S.loopBound(hi - lo); i < end; i += S.length()) {
      FloatVector p = FloatVector.fromArray(S, params, i).mul(keep);
      FloatVector g = FloatVector.fromArray(S, grads, i).mul(gradScale).add(p.mul(wd));
      FloatVector mi = FloatVector.fromArray(S, m, i).mul(beta1).add(g.mul(oneMinusBeta1));
      FloatVector vi = FloatVector.fromArray(S, v, i).mul(beta2).add(g.mul(oneMinusBeta2).mul(g));
      mi.intoArray(m, i);
      vi.intoArray(v, i);
      FloatVector updated = p.sub(mi.mul(stepSize).div(vi.sqrt().mul(invCorrection2).add(eps)));
      updated.intoArray(params, i);
      finite = finite.add(updated.mul(0f));
    }
    AdamOptimizer.step(params, grads, m, v, i, hi, c); // the tail
    float tail = 0;
    for (int k = i; k < hi; k++) tail += params[k] * 0f;
    return finite.reduceLanes(VectorOperators.ADD) + tail == 0f;
  }
}
