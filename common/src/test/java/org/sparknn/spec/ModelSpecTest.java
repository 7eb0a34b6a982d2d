package org.sparknn.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad specifications are rejected with the offending key and value in the message. */
class ModelSpecTest {
  @Test
  void zeroUnitsNamesTheKeyAndValue() {
    SpecException e = assertThrows(SpecException.class, () -> new LayerSpec.Dense(0));
    assertEquals("units", e.key());
    assertTrue(e.getMessage().contains("got 0"), e.getMessage());
  }

  @Test
  void layerThatDoesNotFitNamesItsIndex() {
    SpecException e = assertThrows(SpecException.class, () -> new ModelSpec(Shape.vector(784),
        List.of(new LayerSpec.Dense(10), new LayerSpec.Conv2D(8, 3, 1, 0)), LossKind.SOFTMAX_CROSS_ENTROPY));
    assertEquals("layers[1].kernel", e.key());
    assertTrue(e.getMessage().contains("does not fit input 10"), e.getMessage());
  }

  @Test
  void poolLargerThanInputIsRejected() {
    SpecException e = assertThrows(SpecException.class, () -> new ModelSpec(new Shape(1, 3, 3),
        List.of(new LayerSpec.MaxPool2D(4, 4), new LayerSpec.Flatten(), new LayerSpec.Dense(2)),
        LossKind.SOFTMAX_CROSS_ENTROPY));
    assertEquals("layers[0].size", e.key());
  }

  @Test
  void softmaxBeforeFusedLossIsRejected() {
    SpecException e = assertThrows(SpecException.class, () -> new ModelSpec(Shape.vector(4),
        List.of(new LayerSpec.Dense(3), new LayerSpec.Activation(ActivationKind.SOFTMAX)),
        LossKind.SOFTMAX_CROSS_ENTROPY));
    assertEquals("layers[1]", e.key());
  }

  @Test
  void singleOutputCannotBeSoftmaxClassified() {
    SpecException e = assertThrows(SpecException.class, () -> new ModelSpec(Shape.vector(4),
        List.of(new LayerSpec.Dense(1)), LossKind.SOFTMAX_CROSS_ENTROPY));
    assertEquals("loss", e.key());
  }

  @Test
  void outOfRangeHyperparametersAreRejected() {
    assertEquals("rate", assertThrows(SpecException.class, () -> new LayerSpec.Dropout(1f)).key());
    assertEquals("momentum", assertThrows(SpecException.class, () -> new LayerSpec.BatchNorm(0f, 1e-5f)).key());
    assertEquals("padding", assertThrows(SpecException.class, () -> new LayerSpec.Conv2D(4, 3, 1, 3)).key());
    assertEquals("stride", assertThrows(SpecException.class, () -> new LayerSpec.MaxPool2D(2, 0)).key());
  }

  @Test
  void labelWidthFollowsTheLoss() {
    List<LayerSpec> layers = List.of(new LayerSpec.Dense(3));
    assertEquals(1, new ModelSpec(Shape.vector(2), layers, LossKind.SOFTMAX_CROSS_ENTROPY).labelWidth());
    assertEquals(3, new ModelSpec(Shape.vector(2), layers, LossKind.MEAN_SQUARED_ERROR).labelWidth());
  }
}
