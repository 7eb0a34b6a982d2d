package org.sparknn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** The hash tells states apart exactly by their bits: equal values hash alike, 0 and -0 do not. */
class ParamsHashTest {
  @Test
  void hashesTheBitsOfParametersThenBuffers() {
    ModelState a = new ModelState(new float[] {1f, 0f, 2.5f}, new float[] {3f});
    assertEquals(ParamsHash.of(a), ParamsHash.of(a.copy()));
    assertEquals(64, ParamsHash.of(a).length());
    assertNotEquals(ParamsHash.of(a), ParamsHash.of(new ModelState(new float[] {1f, -0f, 2.5f}, new float[] {3f})));
    assertNotEquals(ParamsHash.of(a), ParamsHash.of(new ModelState(new float[] {1f, 0f, Math.nextUp(2.5f)},
        new float[] {3f})));
    assertNotEquals(ParamsHash.of(a), ParamsHash.of(new ModelState(new float[] {1f, 0f, 2.5f}, new float[] {4f})));
  }

  @Test
  void knownValueOfTheEmptyState() {
    assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        ParamsHash.of(new ModelState(new float[0], new float[0])));
  }
}
