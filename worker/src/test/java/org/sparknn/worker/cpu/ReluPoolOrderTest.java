package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.data.Block;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.StepContext;

/**
 * CpuNetwork runs "ReLU, max pool" as "max pool, ReLU". Against the layers chained in the spec's own order, the
 * loss, the outputs and every parameter gradient must agree bit for bit, for 2x2 pools and overlapping 3x3 ones
 * (stride 2), with windows whose values are all negative (a ReLU after a conv of random weights gives many).
 */
class ReluPoolOrderTest {
  @ParameterizedTest
  @CsvSource({"2, 2", "3, 2"})
  void sameLossAndGradientsAsTheSpecOrder(int size, int stride) {
    ModelSpec spec = new ModelSpec(new Shape(2, 9, 9), List.of(new LayerSpec.Conv2D(3, 3, 1, 1),
        new LayerSpec.Activation(ActivationKind.RELU), new LayerSpec.MaxPool2D(size, stride), new LayerSpec.Flatten(),
        new LayerSpec.Dense(4)), LossKind.SOFTMAX_CROSS_ENTROPY);
    int rows = 5;
    Block batch = GradientCheck.randomBlock(spec, rows, 11);
    ModelState state = GradientCheck.init(spec, 5);
    StepContext step = StepContext.of(1, 0, 0);

    float[] grads = new float[state.params().length];
    EvalStats stats = new CpuBackend().compile(spec, rows).trainStep(batch, state, grads, step);

    // the oracle: each layer in spec order, activations and deltas of the spec's shapes
    List<Shape> shapes = spec.shapes();
    ParamLayout layout = ParamLayout.of(spec);
    int count = spec.layers().size();
    float[][] acts = new float[count + 1][];
    float[][] deltas = new float[count + 1][];
    CpuLayer[] layers = new CpuLayer[count];
    acts[0] = batch.x();
    float[] want = new float[grads.length];
    LayerContext ctx = new LayerContext(state.params(), state.buffers(), want, true, step);
    int negativeWindows = 0;
    for (int i = 0; i < count; i++) {
      layers[i] = CpuLayers.create(i, spec.layers().get(i), shapes.get(i), shapes.get(i + 1), layout, rows);
      acts[i + 1] = new float[rows * shapes.get(i + 1).size()];
      deltas[i + 1] = new float[acts[i + 1].length];
      layers[i].forward(acts[i], acts[i + 1], rows, ctx);
    }
    for (float v : acts[3]) if (v == 0f) negativeWindows++;
    CpuLoss loss = new CpuLoss(spec.loss(), spec.outputSize());
    double wantLoss = loss.lossAndGradient(acts[count], batch.y(), rows, deltas[count]);
    for (int i = count - 1; i >= 0; i--) {
      layers[i].backward(acts[i], acts[i + 1], deltas[i + 1], i == 0 ? null : deltas[i], rows, ctx);
    }

    assertTrue(negativeWindows > 0, "the data should have windows without a positive value");
    assertEquals(wantLoss, stats.lossSum(), 0);
    assertArrayEquals(want, grads, 0f); // exact: the same float operations in the same order
    float[] out = new float[rows * spec.outputSize()];
    new CpuBackend().compile(spec, rows).predict(batch, state, out);
    float[] wantOut = acts[count].clone();
    loss.toPrediction(wantOut, rows);
    assertArrayEquals(wantOut, out, 0f);
  }
}
