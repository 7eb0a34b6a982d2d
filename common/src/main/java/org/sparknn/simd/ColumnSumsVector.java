package org.sparknn.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/** {@link ColumnSums#of} in vectors: four independent vectors of columns per pass down the rows. */
final class ColumnSumsVector {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private ColumnSumsVector() {}

  static void of(float[] m, int rows, int width, float[] out, int off) {
    int lanes = S.length();
    int j = 0;
    for (; j + 4 * lanes <= width; j += 4 * lanes) {
      FloatVector a0 = FloatVector.zero(S);
      FloatVector a1 = a0;
      FloatVector a2 = a0;
      FloatVector a3 = a0;
      for (int r = 0; r < rows; r++) {
        int o = r * width + j;
        a0 = a0.add(FloatVector.fromArray(S, m, o));
        a1 = a1.add(FloatVector.fromArray(S, m, o + lanes));
        a2 = a2.add(FloatVector.fromArray(S, m, o + 2 * lanes));
        a3 = a3.add(FloatVector.fromArray(S, m, o + 3 * lanes));
      }
      a0.intoArray(out, off + j);
      a1.intoArray(out, off + j + lanes);
      a2.intoArray(out, off + j + 2 * lanes);
      a3.intoArray(out, off + j + 3 * lanes);
    }
    for (; j + lanes <= width; j += lanes) {
      FloatVector a = FloatVector.zero(S);
      for (int r = 0; r < rows; r++) a = a.add(FloatVector.fromArray(S, m, r * width + j));
      a.intoArray(out, off + j);
    }
    ColumnSums.scalar(m, rows, width, out, off, j); // the last columns
  }
}
