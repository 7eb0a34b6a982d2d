package org.sparknn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/** {@link ReluGradient#apply} in vectors: zero blended with dY where v &gt; 0 (false for NaN, as the branch). */
final class ReluGradientVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private ReluGradientVector() {}

  static void apply(float[] v, float[] dY, float[] dX, int n) {
    FloatVector zero = FloatVector.zero(S);
    int i = 0;
    for (int end = S.loopBound(n); i < end; i += S.length()) {
      FloatVector mask = FloatVector.fromArray(S, v, i);
      zero.blend(FloatVector.fromArray(S, dY, i), mask.compare(VectorOperators.GT, 0f)).intoArray(dX, i);
    }
    ReluGradient.scalar(v, dY, dX, i, n); // the tail
  }
}
