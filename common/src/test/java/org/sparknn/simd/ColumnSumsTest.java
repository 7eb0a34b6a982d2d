package org.sparknn.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Column sums, scalar and vector, bit for bit against each column added from zero row by row, in shapes: widths
 * that use the four-vector pass, the one-vector pass and the scalar tail, each alone and together; values of mixed
 * magnitude, so that another order of addition would round differently; only [off, off + width)
 * of the output written.
 */
class ColumnSumsTest {
  private interface Sums {
    void of(float[] m, int rows, int width, float[] out, int off);
  }

  @Test
  void scalarAddsEachColumnInRowOrder() {
    check((m, rows, width, out, off) -> ColumnSums.scalar(m, rows, width, out, off, 0));
  }

  @Test
  void vectorAddsEachColumnInRowOrder() {
    check(ColumnSumsVector::of);
  }

  @Test
  void publicEntryAddsEachColumnInRowOrder() {
    check(ColumnSums::of);
  }

  private static void check(Sums sums) {
    Random random = new Random(9);
    for (int width : new int[] {1, 3, 8, 10, 16, 31, 32, 33, 64, 71, 100, 1024}) {
      for (int rows : new int[] {0, 1, 2, 5, 64, 257}) {
        float[] m = new float[rows * width];
        for (int i = 0; i < m.length; i++) m[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4));
        int off = 3;
        float[] out = new float[off + width + 2];
        Arrays.fill(out, 7f); // the sums must not start from what is there
        sums.of(m, rows, width, out, off);
        for (int j = 0; j < width; j++) {
          float expected = 0f;
          for (int r = 0; r < rows; r++) expected += m[r * width + j];
          assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(out[off + j]),
              "width " + width + ", rows " + rows + ", column " + j + ": " + expected + " vs " + out[off + j]);
        }
        for (int k = 0; k < off; k++) assertEquals(7f, out[k], "wrote before off at " + k);
        assertEquals(7f, out[off + width], "wrote past the width");
      }
    }
  }
}
