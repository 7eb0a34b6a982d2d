package org.sparknn.worker.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sparknn.data.Block;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * One local training step of a Spark task on the CPU backend, as {@code PartitionTrainer.localRound} takes it:
 * trainStep, then Adam on the mean gradient. B1 (784-128-64-10) at its local batch 32 and B2 (784-1024-1024-10) at
 * 128, the per-task batches of local[2] with global batches 64 and 256. {@code trainStep} and {@code update} time
 * the two halves alone. Samples/s per task = rows / (step time).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class TrainStepJmh {
  private static final String B2 = "input = 784, loss = softmax_cross_entropy, layers = ["
      + "{type = dense, units = 1024, activation = relu}, {type = dense, units = 1024, activation = relu},"
      + "{type = dense, units = 10}]";

  @Param({"b1", "b2"})
  public String model;

  private Network net;
  private Optimizer adam;
  private OptState opt;
  private ModelState state;
  private float[] grads;
  private Block batch;
  private StepContext ctx;

  @Setup
  public void setup() {
    ModelSpec spec = Fixtures.model(model.equals("b1") ? Fixtures.MLP : B2);
    int rows = model.equals("b1") ? 32 : 128;
    net = new CpuBackend().compile(spec, rows);
    adam = net.optimizer(Fixtures.optimizer("type = adam, lr = 0.001"));
    state = ParamInitializer.initialize(spec, 42);
    opt = adam.init(state.params().length);
    grads = new float[state.params().length];
    batch = Block.allocate(rows, 784, 1);
    for (int i = 0; i < batch.x().length; i++) batch.x()[i] = (i * 31 % 255) / 255f;
    for (int r = 0; r < rows; r++) batch.y()[r] = r % 10;
    long[] ids = new long[rows];
    for (int r = 0; r < rows; r++) ids[r] = r;
    ctx = new StepContext(42, 0, 0, ids);
  }

  @TearDown(Level.Trial)
  public void close() {
    net.close();
  }

  @Benchmark
  public float[] step() {
    net.trainStep(batch, state, grads, ctx);
    adam.update(state.params(), grads, 1f / batch.rows(), opt);
    return state.params();
  }

  @Benchmark
  public EvalStats trainStep() {
    return net.trainStep(batch, state, grads, ctx);
  }

  @Benchmark
  public float[] update() {
    adam.update(state.params(), grads, opt);
    return state.params();
  }
}
