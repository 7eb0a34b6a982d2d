package org.sparknn.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;

class ParamLayoutTest {
  @Test
  void mlpParametersAreContiguousInLayerOrder() {
    ModelSpec mlp = new ModelSpec(Shape.vector(784), List.of(
        new LayerSpec.Dense(128), new LayerSpec.Activation(ActivationKind.RELU),
        new LayerSpec.Dense(64), new LayerSpec.Activation(ActivationKind.RELU),
        new LayerSpec.Dense(10)), LossKind.SOFTMAX_CROSS_ENTROPY);
    ParamLayout layout = ParamLayout.of(mlp);
    assertEquals(784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10, layout.paramSize()); // 109,386
    assertEquals(0, layout.bufferSize());
    assertEquals(784 * 128, layout.param(0, ParamKind.BIAS).orElseThrow().offset());
    Slice w2 = layout.param(2, ParamKind.WEIGHT).orElseThrow();
    assertEquals(784 * 128 + 128, w2.offset());
    assertEquals(128, w2.fanIn());
    assertEquals(64, w2.fanOut());
  }

  @Test
  void cnnShapesAndBatchNormBuffers() {
    ModelSpec cnn = new ModelSpec(new Shape(1, 28, 28), List.of(
        new LayerSpec.Conv2D(32, 3, 1, 0), new LayerSpec.BatchNorm(0.1f, 1e-5f),
        new LayerSpec.MaxPool2D(2, 2), new LayerSpec.Conv2D(64, 3, 1, 0), new LayerSpec.MaxPool2D(2, 2),
        new LayerSpec.Flatten(), new LayerSpec.Dense(10)), LossKind.SOFTMAX_CROSS_ENTROPY);
    assertEquals(List.of(new Shape(1, 28, 28), new Shape(32, 26, 26), new Shape(32, 26, 26), new Shape(32, 13, 13),
        new Shape(64, 11, 11), new Shape(64, 5, 5), Shape.vector(1600), Shape.vector(10)), cnn.shapes());
    ParamLayout layout = ParamLayout.of(cnn);
    assertEquals(32 * 9 + 32 + 2 * 32 + 64 * 32 * 9 + 64 + 1600 * 10 + 10, layout.paramSize());
    assertEquals(2 * 32, layout.bufferSize());
    assertEquals(32, layout.buffer(1, ParamKind.RUNNING_VAR).orElseThrow().offset());
  }
}
