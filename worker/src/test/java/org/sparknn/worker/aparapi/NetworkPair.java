package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.data.Block;
import org.sparknn.init.ParamInitializer;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * One model compiled on the CPU backend and on OpenCL, fed the same random block and parameters, compared on
 * forward outputs (predict: raw outputs for squared error), loss, parameter gradients and batch-norm buffers.
 * Tolerances (normwise, see {@link Closeness}): forward 2e-6, gradients 1e-5. Forward values are single sums of
 * products that differ only in summation order (observed on PoCL: at most 3e-7); gradients chain several such sums
 * through the layers and add over the batch, and batch-norm's dx subtracts nearly equal means, so they get more
 * room (observed: at most 2.4e-7). The margins leave space for GPUs that contract a * b + c into one rounding.
 */
final class NetworkPair {
  static final double FORWARD = 2e-6;
  static final double GRADIENT = 1e-5;

  private NetworkPair() {}

  /** Compares the backends on {@code model} for a block of {@code rows} (network capacity rows + 3). */
  static void assertParity(OpenCLDevice device, String model, int rows, long seed) {
    ModelSpec spec = Fixtures.model(model);
    ModelState state = ParamInitializer.initialize(spec, seed);
    randomize(state.buffers(), seed, 0.5f, 1.5f); // running statistics away from their 0/1 start
    Block batch = block(spec, rows, seed);
    StepContext ctx = new StepContext(seed, 3, 11, ids(rows));
    try (Network cpu = new CpuBackend().compile(spec, rows + 3);
        Network cl = new AparapiBackend(device).compile(spec, rows + 3)) {
      int out = rows * spec.outputSize();
      float[] expected = new float[out];
      float[] actual = new float[out];
      cpu.predict(batch, state, expected);
      cl.predict(batch, state, actual);
      Closeness.assertClose(model + ": forward", actual, expected, out, FORWARD);

      EvalStats e1 = cpu.evaluate(batch, state);
      EvalStats e2 = cl.evaluate(batch, state);
      assertEquals(e1.lossSum(), e2.lossSum(), FORWARD * Math.max(1, Math.abs(e1.lossSum())), model + ": loss");

      ModelState cpuState = state.copy();
      ModelState clState = state.copy();
      float[] g1 = new float[state.params().length];
      float[] g2 = new float[state.params().length];
      EvalStats t1 = cpu.trainStep(batch, cpuState, g1, ctx);
      EvalStats t2 = cl.trainStep(batch, clState, g2, ctx);
      assertEquals(t1.lossSum(), t2.lossSum(), FORWARD * Math.max(1, Math.abs(t1.lossSum())), model + ": train loss");
      assertEquals(t1.correct(), t2.correct(), model + ": correct");
      Closeness.assertClose(model + ": gradients", g2, g1, g1.length, GRADIENT);
      Closeness.assertClose(model + ": buffers", clState.buffers(), cpuState.buffers(), cpuState.buffers().length,
          FORWARD);
    }
  }

  static Block block(ModelSpec spec, int rows, long seed) {
    Block b = Block.allocate(rows, spec.inputSize(), spec.labelWidth());
    randomize(b.x(), seed + 1, -1f, 1f);
    long key = CounterRandom.key(seed, RandomPurpose.SHUFFLE, 9);
    for (int i = 0; i < rows * spec.labelWidth(); i++) {
      b.y()[i] = spec.loss() == LossKind.SOFTMAX_CROSS_ENTROPY
          ? CounterRandom.below(key, i, spec.outputSize())
          : spec.loss() == LossKind.MEAN_SQUARED_ERROR ? 2f * CounterRandom.uniform(key, i) - 1f
          : CounterRandom.uniform(key, i) < 0.5f ? 0f : 1f;
    }
    return b.withRows(rows);
  }

  static long[] ids(int rows) {
    long[] ids = new long[rows];
    for (int r = 0; r < rows; r++) ids[r] = 1000 + 7L * r; // not 0..rows-1: masks must follow the sample id
    return ids;
  }

  static void randomize(float[] v, long seed, float lo, float hi) {
    long key = CounterRandom.key(seed, RandomPurpose.INIT, 99);
    for (int i = 0; i < v.length; i++) v[i] = lo + (hi - lo) * CounterRandom.uniform(key, i);
  }
}
