package org.sparknn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.InitKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;

class ParamInitializerTest {
  private static ModelSpec mlp(InitKind init) {
    return new ModelSpec(Shape.vector(400), List.of(new LayerSpec.Dense(300),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.Dense(200), new LayerSpec.BatchNorm(0.1f, 1e-5f)),
        LossKind.MEAN_SQUARED_ERROR, init);
  }

  @Test
  void sameSeedSameParametersOtherSeedOthers() {
    ModelSpec spec = mlp(InitKind.AUTO);
    assertArrayEquals(ParamInitializer.initialize(spec, 1).params(), ParamInitializer.initialize(spec, 1).params());
    assertFalse(Arrays.equals(ParamInitializer.initialize(spec, 1).params(),
        ParamInitializer.initialize(spec, 2).params()));
  }

  @Test
  void varianceMatchesEachFormula() {
    // Var of U(-a, a) is a^2/3: He uniform gives 2/fanIn, Xavier 2/(fanIn+fanOut); normals give the same.
    check(InitKind.HE_UNIFORM, 2.0 / 400);
    check(InitKind.HE_NORMAL, 2.0 / 400);
    check(InitKind.XAVIER_UNIFORM, 2.0 / 700);
    check(InitKind.XAVIER_NORMAL, 2.0 / 700);
  }

  @Test
  void autoUsesHeBeforeReluAndXavierElsewhere() {
    assertEquals(InitKind.HE_NORMAL, ParamInitializer.resolve(InitKind.AUTO, mlp(InitKind.AUTO).layers(), 0));
    assertEquals(InitKind.XAVIER_NORMAL, ParamInitializer.resolve(InitKind.AUTO, mlp(InitKind.AUTO).layers(), 2));
  }

  @Test
  void biasesZeroBatchNormScaleAndRunningVarianceOne() {
    ModelSpec spec = mlp(InitKind.AUTO);
    ModelState s = ParamInitializer.initialize(spec, 3);
    ParamLayout layout = ParamLayout.of(spec);
    Slice bias = layout.param(0, ParamKind.BIAS).orElseThrow();
    for (int i = bias.offset(); i < bias.end(); i++) assertEquals(0f, s.params()[i]);
    Slice gamma = layout.param(3, ParamKind.GAMMA).orElseThrow();
    for (int i = gamma.offset(); i < gamma.end(); i++) assertEquals(1f, s.params()[i]);
    Slice var = layout.buffer(3, ParamKind.RUNNING_VAR).orElseThrow();
    for (int i = var.offset(); i < var.end(); i++) assertEquals(1f, s.buffers()[i]);
  }

  private static void check(InitKind kind, double expectedVariance) {
    ModelSpec spec = mlp(kind);
    Slice w = ParamLayout.of(spec).param(0, ParamKind.WEIGHT).orElseThrow();
    float[] p = ParamInitializer.initialize(spec, 9).params();
    double sum = 0;
    double sumSq = 0;
    for (int i = w.offset(); i < w.end(); i++) {
      sum += p[i];
      sumSq += (double) p[i] * p[i];
    }
    int n = w.length();
    double variance = sumSq / n - (sum / n) * (sum / n);
    assertEquals(expectedVariance, variance, expectedVariance * 0.03, kind.toString()); // 120k samples: ~0.4% s.e.
  }
}
