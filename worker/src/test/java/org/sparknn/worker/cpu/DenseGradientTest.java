package org.sparknn.worker.cpu;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/** Finite-difference checks for Dense, every activation, dropout, flatten and every loss. */
class DenseGradientTest {
  private final CpuBackend backend = new CpuBackend();

  @ParameterizedTest
  @EnumSource(LossKind.class)
  void denseWithEachLoss(LossKind loss) {
    check(new ModelSpec(Shape.vector(5), List.of(new LayerSpec.Dense(4)), loss), 6);
  }

  @ParameterizedTest
  @EnumSource(ActivationKind.class)
  void eachActivationBetweenDenseLayers(ActivationKind kind) {
    ModelSpec spec = new ModelSpec(Shape.vector(6), List.of(
        new LayerSpec.Dense(7), new LayerSpec.Activation(kind), new LayerSpec.Dense(3)),
        LossKind.SOFTMAX_CROSS_ENTROPY);
    check(spec, 5);
  }

  @Test
  void softmaxOutputWithSquaredError() {
    ModelSpec spec = new ModelSpec(Shape.vector(4), List.of(
        new LayerSpec.Dense(5), new LayerSpec.Activation(ActivationKind.SOFTMAX)), LossKind.MEAN_SQUARED_ERROR);
    check(spec, 4);
  }

  @Test
  void dropoutWithFixedMask() {
    ModelSpec spec = new ModelSpec(Shape.vector(6), List.of(
        new LayerSpec.Dense(8), new LayerSpec.Activation(ActivationKind.TANH), new LayerSpec.Dropout(0.4f),
        new LayerSpec.Dense(3)), LossKind.SOFTMAX_CROSS_ENTROPY);
    check(spec, 5);
  }

  @Test
  void flattenPassesImagesThrough() {
    ModelSpec spec = new ModelSpec(new Shape(2, 3, 3), List.of(
        new LayerSpec.Flatten(), new LayerSpec.Dense(4), new LayerSpec.Activation(ActivationKind.SIGMOID),
        new LayerSpec.Dense(2)), LossKind.SIGMOID_BINARY_CROSS_ENTROPY);
    check(spec, 3);
  }

  private void check(ModelSpec spec, int rows) {
    Network net = backend.compile(spec, rows);
    GradientCheck.check(net, GradientCheck.init(spec, 11), GradientCheck.randomBlock(spec, rows, 5),
        StepContext.of(3, 1, 2), 1);
  }
}
