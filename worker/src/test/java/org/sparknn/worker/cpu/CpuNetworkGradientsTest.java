package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.data.Block;
import org.sparknn.init.ParamInitializer;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.ParamKind;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.Slice;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * trainStep overwrites the whole gradient vector although it zeroes only what layers add to (dense layers write
 * theirs): whatever {@code grads} held before must not leak into the result.
 */
class CpuNetworkGradientsTest {

  @Test
  void gradientDoesNotDependOnWhatGradsHeld() {
    // Dense layers write their slices; batch norm adds into its (zeroed) gamma and beta in between.
    ModelSpec spec = Fixtures.model("input = 8, loss = softmax_cross_entropy, layers = ["
        + "{type = dense, units = 16}, {type = batchnorm}, {type = relu},"
        + "{type = dense, units = 3}]");
    Block batch = Fixtures.teacherData(20, 3);
    ModelState state = ParamInitializer.initialize(spec, 5);
    float[] fromZeros = new float[state.params().length];
    float[] fromGarbage = new float[fromZeros.length];
    Arrays.fill(fromGarbage, Float.NaN);

    try (Network net = new CpuBackend().compile(spec, 32)) {
      EvalStats a = net.trainStep(batch, state.copy(), fromZeros, StepContext.of(1, 0, 0));
      net.trainStep(batch, state.copy(), fromGarbage, StepContext.of(1, 0, 0));
      EvalStats b = net.trainStep(batch, state.copy(), fromGarbage, StepContext.of(1, 0, 0)); // reused, as per step
      assertEquals(a.lossSum(), b.lossSum());
    }
    assertArrayEquals(fromZeros, fromGarbage);
  }

  @Test
  void unwrittenRangesAreTheGapsBetweenWrittenSlices() {
    CpuLayer writes = layer(List.of(slice(2, 3), slice(5, 2)));
    CpuLayer adds = layer(List.of());
    CpuLayer writesLast = layer(List.of(slice(9, 1)));

    assertArrayEquals(new int[] {0, 2, 7, 9}, CpuNetwork.unwritten(10, new CpuLayer[] {writes, adds, writesLast}));
    assertArrayEquals(new int[] {0, 10}, CpuNetwork.unwritten(10, new CpuLayer[] {adds}));
    assertArrayEquals(new int[] {}, CpuNetwork.unwritten(0, new CpuLayer[] {}));
  }

  private static Slice slice(int offset, int length) {
    return new Slice(0, ParamKind.WEIGHT, offset, length, 1, 1);
  }

  private static CpuLayer layer(List<Slice> written) {
    return new CpuLayer() {
      @Override
      public void forward(float[] in, float[] out, int rows, LayerContext ctx) {}

      @Override
      public void backward(float[] in, float[] out, float[] dOut, float[] dIn, int rows, LayerContext ctx) {}

      @Override
      public List<Slice> writtenGradients() {
        return written;
      }
    };
  }
}
