package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;

/** Evaluation networks take 1,024 rows unless a row's activations are large; then 2^22 floats' worth. */
class EvalRowsTest {
  @Test
  void smallRowsKeepTheFullChunk() {
    // B1: 784 + 128 + 64 + 10 floats a row
    ModelSpec mlp = new ModelSpec(Shape.vector(784), List.of(new LayerSpec.Dense(128), new LayerSpec.Dense(64),
        new LayerSpec.Dense(10)), LossKind.SOFTMAX_CROSS_ENTROPY);
    assertEquals(1024, DistributedEvaluation.evalRows(mlp));
  }

  @Test
  void largeRowsGetFewer() {
    // 10,000 + 10 floats a row: 4,194,304 / 10,010 = 419.01
    ModelSpec wide = new ModelSpec(Shape.vector(10_000), List.of(new LayerSpec.Dense(10)),
        LossKind.SOFTMAX_CROSS_ENTROPY);
    assertEquals(419, DistributedEvaluation.evalRows(wide));
  }
}
