package org.sparknn.worker.cpu;

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

/**
 * The CPU backend's matrix product in the forms training uses: C = A B (forward), C = A^T B (weight gradient),
 * C = A B^T (input gradient). Shapes: B1's first layer at batch 64, B2's wide layer at batch 256, 1024^3.
 * GFLOP/s = 2 M K N / time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmJmh {
  @Param({"64,784,128", "256,784,1024", "256,1024,1024", "1024,1024,1024"})
  public String mkn;

  private int m;
  private int k;
  private int n;
  private float[] a;
  private float[] b;
  private float[] c;

  @Setup
  public void setup() {
    String[] p = mkn.split(",");
    m = Integer.parseInt(p[0]);
    k = Integer.parseInt(p[1]);
    n = Integer.parseInt(p[2]);
    int big = Math.max(m, Math.max(k, n));
    a = filled(big * big, 1);
    b = filled(big * big, 2);
    c = new float[big * big];
  }

  @Benchmark
  public void forward(Blackhole bh) {
    Gemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    bh.consume(c);
  }

  @Benchmark
  public void weightGradient(Blackhole bh) {
    Gemm.gemm(true, false, k, n, m, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    bh.consume(c);
  }

  @Benchmark
  public void inputGradient(Blackhole bh) {
    Gemm.gemm(false, true, m, k, n, 1f, a, 0, n, b, 0, n, 0f, c, 0, k);
    bh.consume(c);
  }

  static float[] filled(int size, int salt) {
    float[] v = new float[size];
    for (int i = 0; i < size; i++) v[i] = ((i * 31 + salt * 17) % 97) / 97f - 0.5f;
    return v;
  }
}
