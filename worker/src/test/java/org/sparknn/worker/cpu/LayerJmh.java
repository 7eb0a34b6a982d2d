package org.sparknn.worker.cpu;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.sparknn.init.ParamInitializer;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.StepContext;

/**
 * Each layer's forward and backward on a batch of 64 (or 32: one local[2] task's share of B3's batch), at the
 * shapes of the benchmark networks (B1's first dense layer, B2's ReLU, B3's two convolutions, first pooling and
 * first ReLU, a batch-norm over 128 features). Backward times one backward after the forward done in setup, input
 * gradient included. Example: {@code scripts/bench-jmh.sh LayerJmh -p rows=32 -p layer=conv32x13x13to64}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class LayerJmh {
  @Param({"dense784x128", "relu1024", "conv1x28x28to32", "conv32x13x13to64", "maxpool32x26x26", "relu32x26x26",
      "batchnorm128"})
  public String layer;

  @Param({"64"})
  public int rows;

  private CpuLayer cpu;
  private LayerContext context;
  private float[] in;
  private float[] out;
  private float[] dOut;
  private float[] dIn;

  @Setup
  public void setup() {
    ModelSpec spec = Fixtures.model(switch (layer) {
      case "dense784x128" -> "input = 784, loss = mean_squared_error, layers = [{type = dense, units = 128}]";
      case "relu1024" -> "input = 1024, loss = mean_squared_error, layers = [{type = relu}]"; // B2's activations
      case "conv1x28x28to32" -> "input = [1, 28, 28], loss = mean_squared_error, layers = [{type = conv2d, filters = 32, kernel = 3}]";
      case "conv32x13x13to64" -> "input = [32, 13, 13], loss = mean_squared_error, layers = [{type = conv2d, filters = 64, kernel = 3}]";
      case "maxpool32x26x26" -> "input = [32, 26, 26], loss = mean_squared_error, layers = [{type = maxpool2d, size = 2}]";
      case "relu32x26x26" -> "input = [32, 26, 26], loss = mean_squared_error, layers = [{type = relu}]";
      case "batchnorm128" -> "input = 128, loss = mean_squared_error, layers = [{type = batchnorm}]";
      default -> throw new IllegalArgumentException(layer);
    });
    List<Shape> shapes = spec.shapes();
    ParamLayout layout = ParamLayout.of(spec);
    cpu = CpuLayers.create(0, spec.layers().get(0), shapes.get(0), shapes.get(1), layout, rows);
    ModelState state = ParamInitializer.initialize(spec, 1);
    context = new LayerContext(state.params(), state.buffers(), new float[layout.paramSize()], true,
        StepContext.of(1, 0, 0));
    in = GemmJmh.filled(rows * shapes.get(0).size(), 3);
    out = new float[rows * shapes.get(1).size()];
    dOut = GemmJmh.filled(out.length, 4);
    dIn = new float[in.length];
    cpu.forward(in, out, rows, context);
  }

  @Benchmark
  public void forward(Blackhole bh) {
    cpu.forward(in, out, rows, context);
    bh.consume(out);
  }

  @Benchmark
  public void backward(Blackhole bh) {
    cpu.backward(in, out, dOut, dIn, rows, context);
    bh.consume(dIn);
  }
}
