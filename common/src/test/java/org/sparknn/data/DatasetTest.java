package org.sparknn.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class DatasetTest {
  private static Block block(float... labels) {
    return new Block(labels.length, 2, 1, new float[labels.length * 2], labels);
  }

  @Test
  void acceptsClassIndicesInRange() {
    Dataset d = new Dataset(block(0, 2, 1), 3, List.of());
    assertEquals(3, d.size());
    assertEquals(2, d.features());
  }

  @Test
  void rejectsLabelsOutsideTheClasses() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dataset(block(0, 3), 3, null));
    assertEquals("label 3.0 of sample 1 is not a class index in [0, 3)", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dataset(block(0.5f), 3, null));
    assertThrows(IllegalArgumentException.class, () -> new Dataset(block(Float.NaN), 3, null));
  }

  @Test
  void checksOnlyTheCountedRows() {
    Block b = new Block(1, 2, 1, new float[4], new float[] {0, 99});
    assertEquals(1, new Dataset(b, 2, null).size());
  }

  @Test
  void zeroClassesMeansTargetsAreNotChecked() {
    assertEquals(0, new Dataset(block(-3.5f, 7f), 0, List.of()).classes());
  }

  @Test
  void classNamesMustMatchTheClassCount() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Dataset(block(0), 2, List.of("a", "b", "c")));
    assertEquals("3 class names for 2 classes: [a, b, c]", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Dataset(block(0), 2, List.of("a", " ")));
    assertThrows(IllegalArgumentException.class, () -> new Dataset(null, 2, List.of()));
    assertThrows(IllegalArgumentException.class, () -> new Dataset(block(0), -1, List.of()));
  }

  @Test
  void withClassNamesSetsTheClassCount() {
    Dataset d = new Dataset(block(0, 1), 2, List.of()).withClassNames(FashionMnist.CLASS_NAMES);
    assertEquals(10, d.classes());
    assertEquals("T-shirt/top", d.classNames().get(0));
    assertThrows(IllegalArgumentException.class,
        () -> new Dataset(block(0, 2), 3, List.of()).withClassNames(List.of("a", "b")));
  }

  @Test
  void unitScalingMapsBytesToTheUnitInterval() {
    assertEquals(1f, FeatureScaling.UNIT.apply(255f));
    assertEquals(0.2f, FeatureScaling.UNIT.apply(51f));
    assertEquals(51f, FeatureScaling.NONE.apply(51f));
  }
}
