package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparknn.tensor.ModelState;

/** The per-step divergence check's scan: any NaN or infinity anywhere (the unrolled body and the tail), nothing else. */
class AllFiniteTest {
  @Test
  void findsEveryNonFiniteValueWherever() {
    for (int length : new int[] {1, 3, 4, 7, 1_001}) {
      float[] v = new float[length];
      for (int i = 0; i < length; i++) v[i] = i % 2 == 0 ? Float.MAX_VALUE : -Float.MIN_VALUE;
      assertTrue(TrainJob.allFinite(v), "finite values of length " + length);
      for (int at = 0; at < length; at++) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
          float keep = v[at];
          v[at] = bad;
          assertFalse(TrainJob.allFinite(v), bad + " at " + at + " of " + length);
          v[at] = keep;
        }
      }
    }
    assertTrue(TrainJob.allFinite(new float[0]));
  }

  @Test
  void divergenceNamesWhatIsNotFinite() {
    float[] params = {1f, 2f, 3f, 4f, 5f};
    assertEquals(null, TrainJob.divergence(1.0, new ModelState(params, new float[0])));
    assertEquals("the training loss is NaN", TrainJob.divergence(Double.NaN, new ModelState(params, new float[0])));
    params[4] = Float.NaN;
    assertEquals("a parameter is NaN or infinite", TrainJob.divergence(1.0, new ModelState(params, new float[0])));
    assertEquals("a layer buffer is NaN or infinite",
        TrainJob.divergence(1.0, new ModelState(new float[1], new float[] {Float.POSITIVE_INFINITY})));
  }
}
