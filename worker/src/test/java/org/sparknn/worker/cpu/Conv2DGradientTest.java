package org.sparknn.worker.cpu;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * Finite-difference checks (tolerances in {@link GradientCheck}) of Conv2D's weight and bias gradients, and of its
 * input gradient through a conv placed before it. Tanh rather than ReLU keeps the loss smooth.
 */
class Conv2DGradientTest {
  private final CpuBackend backend = new CpuBackend();

  @ParameterizedTest(name = "stride {0}, padding {1}")
  @CsvSource({"1, 0", "1, 1", "2, 0", "2, 1"})
  void strideAndPaddingOnNonSquareInput(int stride, int padding) {
    ModelSpec spec = new ModelSpec(new Shape(2, 5, 6), List.of(
        new LayerSpec.Conv2D(3, 3, stride, padding), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.Dense(3)), LossKind.SOFTMAX_CROSS_ENTROPY);
    check(spec, 3);
  }

  @Test
  void convAfterConvChecksInputGradient() {
    // The first conv's weight gradients are only right if the second conv's dIn (col2im) is right.
    ModelSpec spec = new ModelSpec(new Shape(2, 6, 7), List.of(
        new LayerSpec.Conv2D(3, 3, 1, 1), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.Conv2D(4, 3, 2, 1), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.Dense(2)), LossKind.MEAN_SQUARED_ERROR);
    check(spec, 2);
  }

  @Test
  void convWithoutPaddingAfterStridedConv() {
    ModelSpec spec = new ModelSpec(new Shape(1, 9, 8), List.of(
        new LayerSpec.Conv2D(2, 2, 2, 1), new LayerSpec.Activation(ActivationKind.TANH),
        new LayerSpec.Conv2D(3, 2, 1, 0)), LossKind.SIGMOID_BINARY_CROSS_ENTROPY);
    check(spec, 3);
  }

  private void check(ModelSpec spec, int rows) {
    Network net = backend.compile(spec, rows);
    GradientCheck.check(net, GradientCheck.init(spec, 21), GradientCheck.randomBlock(spec, rows, 8),
        StepContext.of(3, 1, 2), 1);
  }
}
