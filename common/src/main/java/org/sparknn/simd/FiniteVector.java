package org.sparknn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link Finite#all} in vectors: two independent accumulators of x * 0 (0 for finite x, NaN otherwise). */
final class FiniteVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private FiniteVector() {}

  static boolean all(float[] v, int lo, int hi) {
    int lanes = S.length();
    FloatVector a = FloatVector.zero(S);
    FloatVector b = FloatVector.zero(S);
    int i = lo;
    for (; i <= hi - 2 * lanes; i += 2 * lanes) {
      a = a.add(FloatVector.fromArray(S, v, i).mul(0f));
      b = b.add(FloatVector.fromArray(S, v, i + lanes).mul(0f));
    }
    float rest = a.add(b).reduceLanes(VectorOperators.ADD);
    for (; i < hi; i++) rest += v[i] * 0f;
    return rest == 0f;
  }
}
