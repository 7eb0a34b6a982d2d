package org.sparknn.worker.bench;

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
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.worker.Fixtures;

/**
 * One optimizer update on the driver's parameter server, over B1's 109,386 parameters and B2's 1,863,690: the
 * part of a synchronous step no worker can share.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class OptimizerJmh {
  @Param({"type = sgd, lr = 0.01", "type = nesterov, lr = 0.01, momentum = 0.9", "type = adam, lr = 0.001"})
  public String optimizer;

  @Param({"109386", "1863690"})
  public int size;

  /** true: {@link Optimizer#updateChecked}, as the parameter server runs it. */
  @Param({"false", "true"})
  public boolean checked;

  private Optimizer update;
  private OptState state;
  private float[] params;
  private float[] grads;

  @Setup
  public void setup() {
    update = Fixtures.optimizer(optimizer).create();
    state = update.init(size);
    params = new float[size];
    grads = new float[size];
    for (int i = 0; i < size; i++) {
      params[i] = (i % 101) / 101f - 0.5f;
      grads[i] = (i % 37) / 3700f - 0.005f;
    }
  }

  @Benchmark
  public float[] step() {
    if (checked) update.updateChecked(params, grads, 1f, state); else update.update(params, grads, state);
    return params;
  }
}
