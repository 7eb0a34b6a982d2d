package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.sparknn.data.Block;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;
import org.sparknn.worker.cpu.CpuLoss;

/**
 * A model on an OpenCL device: the {@link org.sparknn.worker.cpu} network's structure, with every layer's forward
 * and backward, the fused softmax cross-entropy and the optimizer update as Aparapi kernels. All arrays the kernels
 * bind to belong to this network (the block's data is copied in), so every kernel keeps its buffers across calls.
 * The other losses (sigmoid cross-entropy, squared error) run on the host on the rows x outputs matrix.
 */
final class AparapiNetwork implements Network {
  private static final AtomicLong GENERATIONS = new AtomicLong();
  private static final AtomicBoolean REPORTED = new AtomicBoolean();

  private final OpenCLDevice device;
  private final ModelSpec spec;
  private final int maxRows;
  private final int paramSize;
  private final int bufferSize;
  private final ClLayer[] layers;
  private final float[][] acts;
  private final float[][] deltas;
  private final long[] sampleIds;
  private final float[] labels;
  private final float[] rowLoss;
  private final int[] argmax;
  private final SoftmaxCrossEntropyKernel softmaxLoss; // null for the other losses
  private final CpuLoss hostLoss;
  private final Map<OptimizerSpec, DeviceOptimizer> optimizers = new HashMap<>();

  AparapiNetwork(OpenCLDevice device, ModelSpec spec, int maxRows) {
    if (maxRows <= 0) throw new IllegalArgumentException("maxRows must be positive, got " + maxRows);
    this.device = device;
    this.spec = spec;
    this.maxRows = maxRows;
    ParamLayout layout = ParamLayout.of(spec);
    this.paramSize = layout.paramSize();
    this.bufferSize = layout.bufferSize();
    List<Shape> shapes = spec.shapes();
    int count = spec.layers().size();
    this.acts = new float[count + 1][];
    this.deltas = new float[count + 1][];
    for (int i = 0; i <= count; i++) {
      acts[i] = new float[maxRows * shapes.get(i).size()];
      deltas[i] = i == 0 ? null : new float[maxRows * shapes.get(i).size()];
    }
    this.sampleIds = new long[maxRows];
    this.labels = new float[Math.max(1, maxRows * spec.labelWidth())];
    this.rowLoss = new float[maxRows];
    this.argmax = new int[maxRows];
    List<ClLayer> built = new ArrayList<>();
    try {
      for (int i = 0; i < count; i++) {
        Wires w = new Wires(acts[i], acts[i + 1], deltas[i + 1], deltas[i], sampleIds);
        built.add(ClLayers.create(device, i, spec.layers().get(i), shapes.get(i), shapes.get(i + 1), layout, maxRows,
            w));
      }
      this.softmaxLoss = spec.loss() == LossKind.SOFTMAX_CROSS_ENTROPY
          ? new SoftmaxCrossEntropyKernel(device, spec.outputSize(), acts[count], labels, deltas[count], rowLoss,
              argmax)
          : null;
    } catch (RuntimeException e) {
      built.forEach(ClLayer::close);
      throw e;
    }
    this.layers = built.toArray(new ClLayer[0]);
    this.hostLoss = new CpuLoss(spec.loss(), spec.outputSize());
    report("compiled " + count + " layers for up to " + maxRows + " rows on OpenCL " + OpenClDevices.describe(device)
        + " (thread " + Thread.currentThread().getName() + ")");
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
    int rows = batch.rows();
    for (int r = 0; r < rows; r++) sampleIds[r] = ctx.sampleId(r);
    forward(batch, state, rows, true, ctx);
    EvalStats stats = loss(rows, true);
    for (int i = layers.length - 1; i >= 0; i--) layers[i].backward(rows);
    Arrays.fill(grads, 0f);
    for (ClLayer layer : layers) {
      layer.storeGrads(grads);
      layer.storeBuffers(state.buffers());
    }
    if (REPORTED.compareAndSet(false, true)) report("first training step: " + AparapiBackend.ranOn());
    return stats;
  }

  @Override
  public EvalStats evaluate(Block batch, ModelState state) {
    check(batch, state);
    forward(batch, state, batch.rows(), false, null);
    return loss(batch.rows(), false);
  }

  @Override
  public void predict(Block batch, ModelState state, float[] out) {
    check(batch, state);
    int rows = batch.rows();
    int width = spec.outputSize();
    if (out.length < rows * width) {
      throw new IllegalArgumentException("out has " + out.length + " values, need " + rows * width);
    }
    forward(batch, state, rows, false, null);
    System.arraycopy(acts[layers.length], 0, out, 0, rows * width);
    hostLoss.toPrediction(out, rows);
  }

  /** The optimizer update as a device kernel, one per optimizer configuration, kept with this network. */
  @Override
  public Optimizer optimizer(OptimizerSpec optimizerSpec) {
    return optimizers.computeIfAbsent(optimizerSpec, s -> new DeviceOptimizer(device, s, paramSize));
  }

  private void forward(Block batch, ModelState state, int rows, boolean training, StepContext ctx) {
    System.arraycopy(batch.x(), 0, acts[0], 0, rows * spec.inputSize());
    System.arraycopy(batch.y(), 0, labels, 0, rows * spec.labelWidth());
    long generation = GENERATIONS.incrementAndGet();
    for (ClLayer layer : layers) layer.load(state.params(), state.buffers(), generation);
    for (ClLayer layer : layers) layer.forward(rows, training, ctx);
  }

  /** Loss sum and accuracy over the rows; with {@code gradient}, dLoss/dz into the last delta. */
  private EvalStats loss(int rows, boolean gradient) {
    int last = layers.length;
    if (softmaxLoss == null) {
      double sum = hostLoss.lossAndGradient(acts[last], labels, rows, gradient ? deltas[last] : null);
      return new EvalStats(sum, rows, hostLoss.correct(acts[last], labels, rows), hostLoss.judged(rows));
    }
    int width = spec.outputSize();
    for (int r = 0; r < rows; r++) { // the kernel trusts its labels: check them here, as the CPU loss does
      float label = labels[r];
      if ((int) label != label || label < 0 || label >= width) {
        throw new IllegalArgumentException("row " + r + ": label " + label + " is not a class index in [0, " + width
            + ")");
      }
    }
    softmaxLoss.put(acts[last]).put(labels);
    softmaxLoss.apply(rows, gradient);
    softmaxLoss.get(rowLoss).get(argmax);
    if (gradient) softmaxLoss.get(deltas[last]);
    double sum = 0;
    long correct = 0;
    for (int r = 0; r < rows; r++) {
      sum += rowLoss[r];
      if (argmax[r] == (int) labels[r]) correct++;
    }
    return new EvalStats(sum, rows, correct, rows);
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

  /**
   * Where the work runs, on stderr (a Spark executor's log). Not java.util.logging: Aparapi's Config, when it loads,
   * sets every root handler to its own level (WARNING unless -Dcom.aparapi.logLevel says otherwise), which silences
   * INFO records of the whole JVM.
   */
  private static void report(String line) {
    System.err.println("sparknn aparapi: " + line);
  }

  /** Releases every kernel's OpenCL context and buffers. */
  @Override
  public void close() {
    for (ClLayer layer : layers) layer.close();
    if (softmaxLoss != null) softmaxLoss.release();
    optimizers.values().forEach(DeviceOptimizer::close);
    optimizers.clear();
  }
}
