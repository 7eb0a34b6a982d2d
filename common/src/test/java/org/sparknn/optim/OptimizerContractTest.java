package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What every optimizer promises in {@link Optimizer}'s contract, checked for each method. */
class OptimizerContractTest {

  static List<OptimizerSpec> specs() {
    return List.of(
        new OptimizerSpec.Sgd(0.1f, 0f, 0f, false, 0.01f, null),
        new OptimizerSpec.Sgd(0.1f, 0.9f, 0f, true, 0f, null),
        new OptimizerSpec.Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0.01f, null),
        new OptimizerSpec.AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0.01f, null),
        new OptimizerSpec.Adagrad(0.1f, 1e-10f, 0.1f, 0f, null),
        new OptimizerSpec.RmsProp(0.01f, 0.99f, 1e-8f, 0f, 0f, null),
        new OptimizerSpec.RmsProp(0.01f, 0.99f, 1e-8f, 0.9f, 0f, null));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void updateMovesParamsAdvancesTheStepAndLeavesGradsAlone(OptimizerSpec spec) {
    Optimizer optimizer = spec.create();
    assertSame(spec, optimizer.spec());
    OptState state = optimizer.init(3);
    assertEquals(0, state.step());
    assertEquals(3, state.size());
    float[] params = Golden.START.clone();
    float[] grads = Golden.GRADS[0].clone();

    optimizer.update(params, grads, state);
    optimizer.update(params, grads, state);

    assertEquals(2, state.step());
    assertArrayEquals(Golden.GRADS[0], grads);
    for (int i = 0; i < params.length; i++) {
      assertNotEquals(Golden.START[i], params[i], "param " + i + " did not move");
    }
  }

  @ParameterizedTest
  @MethodSource("specs")
  void scaledUpdateEqualsUpdateOnTheScaledGradient(OptimizerSpec spec) {
    Optimizer optimizer = spec.create();
    OptState scaledState = optimizer.init(3);
    OptState plainState = optimizer.init(3);
    float[] scaledParams = Golden.START.clone();
    float[] plainParams = Golden.START.clone();
    float scale = 1f / 3;

    for (float[] g : Golden.GRADS) {
      optimizer.update(scaledParams, g.clone(), scale, scaledState);
      float[] scaled = g.clone();
      for (int i = 0; i < scaled.length; i++) scaled[i] *= scale;
      optimizer.update(plainParams, scaled, plainState);
    }

    assertArrayEquals(plainParams, scaledParams);
    assertArrayEquals(plainState.flatSlots(), scaledState.flatSlots());
    assertEquals(plainState.step(), scaledState.step());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void mismatchedSizesAreRejectedBeforeAnythingChanges(OptimizerSpec spec) {
    Optimizer optimizer = spec.create();
    OptState state = optimizer.init(3);
    float[] params = Golden.START.clone();

    assertThrows(IllegalArgumentException.class, () -> optimizer.update(params, new float[2], state));
    assertThrows(IllegalArgumentException.class, () -> optimizer.update(new float[4], new float[4], state));
    assertThrows(IllegalArgumentException.class,
        () -> optimizer.update(params, Golden.GRADS[0], new OptState(0, 3, new float[15])));
    assertArrayEquals(Golden.START, params);
    assertEquals(0, state.step());
  }
}
