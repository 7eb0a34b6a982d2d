package org.sparknn.worker.cpu;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * Finite-difference checks (tolerances in {@link GradientCheck}) of BatchNorm's gamma and beta gradients, and of
 * its training-mode input gradient (through the weights of the layer before it), on vectors and images, with each
 * loss. The loss differences include the batch statistics' dependence on the perturbed weights, so a backward
 * that treated mean and variance as constants would fail.
 */
class BatchNormGradientTest {
  private final CpuBackend backend = new CpuBackend();

  @ParameterizedTest
  @EnumSource(LossKind.class)
  void afterDense(LossKind loss) {
    ModelSpec spec = new ModelSpec(Shape.vector(5), List.of(
        new LayerSpec.Dense(6), new LayerSpec.BatchNorm(0.1f, 1e-5f), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.Dense(3)), loss);
    check(spec, 5);
  }

  @ParameterizedTest
  @EnumSource(LossKind.class)
  void afterConv(LossKind loss) {
    ModelSpec spec = new ModelSpec(new Shape(2, 4, 5), List.of(
        new LayerSpec.Conv2D(3, 3, 1, 1), new LayerSpec.BatchNorm(0.1f, 1e-5f),
        new LayerSpec.Activation(ActivationKind.TANH), new LayerSpec.Dense(2)), loss);
    check(spec, 3);
  }

  private void check(ModelSpec spec, int rows) {
    Network net = backend.compile(spec, rows);
    GradientCheck.check(net, GradientCheck.init(spec, 41), GradientCheck.randomBlock(spec, rows, 10),
        StepContext.of(3, 1, 2), 1);
  }
}
