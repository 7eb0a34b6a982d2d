package org.sparknn.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Path;
import org.sparknn.io.ModelFile;
import org.sparknn.tensor.ModelState;

/** Bit-for-bit comparison of float arrays and saved models: raw IEEE 754 bits, not a tolerance. */
public final class Bits {
  private Bits() {}

  public static void assertSameBits(float[] expected, float[] actual, String what) {
    assertEquals(expected.length, actual.length, what + " count");
    int differ = 0;
    int first = -1;
    for (int i = 0; i < expected.length; i++) {
      if (Float.floatToRawIntBits(expected[i]) != Float.floatToRawIntBits(actual[i])) {
        if (differ++ == 0) first = i;
      }
    }
    if (differ > 0) {
      fail(differ + " of " + expected.length + " " + what + "s differ in their bits; first at " + first + ": "
          + expected[first] + " vs " + actual[first]);
    }
  }

  /** The parameters and buffers of two model files ({@code <run>/model/model.snn}) are bitwise equal. */
  public static void assertSameModel(Path expectedRun, Path actualRun) throws IOException {
    ModelState a = ModelFile.load(expectedRun.resolve("model/model.snn")).state();
    ModelState b = ModelFile.load(actualRun.resolve("model/model.snn")).state();
    assertSameBits(a.params(), b.params(), "parameter");
    assertSameBits(a.buffers(), b.buffers(), "buffer");
  }
}
