package org.sparknn.worker.cpu;

import java.util.Arrays;
import java.util.List;
import org.sparknn.data.Block;
import org.sparknn.spec.ActivationKind;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.tensor.Slice;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * A model on the CPU: activations and their gradients for every layer are allocated once, for
 * {@link #maxRows()} samples, and reused by every call. The block's own feature array is the first layer's input.
 *
 * <p>A ReLU directly followed by max pooling runs in the other order, pooling first, so that the ReLU touches a
 * quarter of the values (2x2 pools). The results are the same, gradients included: max commutes with the
 * non-decreasing ReLU, so the pooled values agree; where a window's maximum is positive both orders send dY to its
 * first maximum, and where it is not both send zero (the ReLU's mask is 0 there). Only the activations held
 * between the two layers differ.
 */
final class CpuNetwork implements Network {
  private final ModelSpec spec;
  private final int maxRows;
  private final int paramSize;
  private final int bufferSize;
  private final CpuLayer[] layers;
  private final float[][] acts;   // acts[i] = input of layer i; acts[L] = output; acts[0] is the block's x
  private final float[][] deltas; // deltas[i] = dLoss/d acts[i]; deltas[0] unused
  private final CpuLoss loss;
  private final int[] zeroed;     // [start, end) pairs of the gradient vector that backward adds to: zeroed per step

  CpuNetwork(ModelSpec spec, int maxRows) {
    if (maxRows <= 0) throw new IllegalArgumentException("maxRows must be positive, got " + maxRows);
    this.spec = spec;
    this.maxRows = maxRows;
    ParamLayout layout = ParamLayout.of(spec);
    this.paramSize = layout.paramSize();
    this.bufferSize = layout.bufferSize();
    List<Shape> shapes = spec.shapes();
    int count = spec.layers().size();
    this.layers = new CpuLayer[count];
    this.acts = new float[count + 1][];
    this.deltas = new float[count + 1][];
    List<LayerSpec> specs = spec.layers();
    for (int i = 0; i < count; i++) {
      Shape out = shapes.get(i + 1);
      if (reluThenPool(specs, i)) { // pool (spec layer i + 1) first, then the ReLU (i) on the pooled values
        out = shapes.get(i + 2);
        layers[i] = CpuLayers.create(i + 1, specs.get(i + 1), shapes.get(i), out, layout, maxRows);
        layers[i + 1] = CpuLayers.create(i, specs.get(i), out, out, layout, maxRows);
        acts[i + 1] = new float[maxRows * out.size()];
        deltas[i + 1] = new float[maxRows * out.size()];
        i++;
      } else {
        layers[i] = CpuLayers.create(i, specs.get(i), shapes.get(i), out, layout, maxRows);
      }
      acts[i + 1] = new float[maxRows * out.size()];
      deltas[i + 1] = new float[maxRows * out.size()];
    }
    this.loss = new CpuLoss(spec.loss(), spec.outputSize());
    this.zeroed = unwritten(paramSize, layers);
  }

  /** The ranges of [0, size) outside every layer's {@link CpuLayer#writtenGradients()}, as [start, end) pairs. */
  static int[] unwritten(int size, CpuLayer[] layers) {
    boolean[] written = new boolean[size];
    int slices = 0;
    for (CpuLayer layer : layers) {
      for (Slice s : layer.writtenGradients()) {
        Arrays.fill(written, s.offset(), s.end(), true);
        slices++;
      }
    }
    int[] ranges = new int[2 * (slices + 1)]; // the gaps between written slices: at most one more than the slices
    int count = 0;
    for (int i = 0; i < size; i++) {
      if (written[i]) continue;
      ranges[count++] = i;
      while (i < size && !written[i]) i++;
      ranges[count++] = i;
    }
    return Arrays.copyOf(ranges, count);
  }

  private static boolean reluThenPool(List<LayerSpec> specs, int i) {
    return i + 1 < specs.size() && specs.get(i) instanceof LayerSpec.Activation a && a.kind() == ActivationKind.RELU
        && specs.get(i + 1) instanceof LayerSpec.MaxPool2D;
  }

  @Override
  public ModelSpec spec() {
    return spec;
  }

  @Override
  public int maxRows() {
    return maxRows;
  }

  @Override
  public EvalStats trainStep(Block batch, ModelState state, float[] grads, StepContext ctx) {
    check(batch, state);
    if (grads.length != paramSize) {
      throw new IllegalArgumentException("grads has " + grads.length + " values, the model has " + paramSize);
    }
    for (int i = 0; i < zeroed.length; i += 2) Arrays.fill(grads, zeroed[i], zeroed[i + 1], 0f);
    LayerContext lc = new LayerContext(state.params(), state.buffers(), grads, true, ctx);
    int rows = batch.rows();
    forward(batch, rows, lc);
    int last = layers.length;
    float[] z = acts[last];
    double lossSum = loss.lossAndGradient(z, batch.y(), rows, deltas[last]);
    long correct = loss.correct(z, batch.y(), rows);
    for (int i = last - 1; i >= 0; i--) {
      layers[i].backward(acts[i], acts[i + 1], deltas[i + 1], i == 0 ? null : deltas[i], rows, lc);
    }
    return new EvalStats(lossSum, rows, correct, loss.judged(rows));
  }

  @Override
  public EvalStats evaluate(Block batch, ModelState state) {
    check(batch, state);
    int rows = batch.rows();
    forward(batch, rows, inference(state));
    float[] z = acts[layers.length];
    double lossSum = loss.lossAndGradient(z, batch.y(), rows, null);
    return new EvalStats(lossSum, rows, loss.correct(z, batch.y(), rows), loss.judged(rows));
  }

  @Override
  public void predict(Block batch, ModelState state, float[] out) {
    check(batch, state);
    int rows = batch.rows();
    int width = spec.outputSize();
    if (out.length < rows * width) {
      throw new IllegalArgumentException("out has " + out.length + " values, need " + rows * width);
    }
    forward(batch, rows, inference(state));
    System.arraycopy(acts[layers.length], 0, out, 0, rows * width);
    loss.toPrediction(out, rows);
  }

  private LayerContext inference(ModelState state) {
    return new LayerContext(state.params(), state.buffers(), null, false, null);
  }

  private void forward(Block batch, int rows, LayerContext lc) {
    acts[0] = batch.x();
    for (int i = 0; i < layers.length; i++) layers[i].forward(acts[i], acts[i + 1], rows, lc);
  }

  private void check(Block batch, ModelState state) {
    if (batch.rows() > maxRows) {
      throw new IllegalArgumentException("block has " + batch.rows() + " rows; this network was compiled for "
          + maxRows);
    }
    if (batch.features() != spec.inputSize() || batch.labelWidth() != spec.labelWidth()) {
      throw new IllegalArgumentException("block has " + batch.features() + " features and labels of width "
          + batch.labelWidth() + "; the model expects " + spec.inputSize() + " and " + spec.labelWidth());
    }
    if (state.params().length != paramSize || state.buffers().length != bufferSize) {
      throw new IllegalArgumentException("model state has " + state.params().length + " parameters and "
          + state.buffers().length + " buffers; the model needs " + paramSize + " and " + bufferSize);
    }
  }
}
