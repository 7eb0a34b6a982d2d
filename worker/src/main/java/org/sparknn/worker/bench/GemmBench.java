package org.sparknn.worker.bench;

import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.worker.cpu.Gemm;

/**
 * SGEMM throughput of the CPU backend's matrix product (row-major C = A B through {@link Gemm}). Prints one table
 * row per size: the median over repetitions of the time of one product, and GFLOP/s = 2 M K N / time. Each size
 * is warmed up first (JIT, BLAS thread start-up) and repeated until about a second of products has been timed.
 *
 * <p>Usage: {@code GemmBench [M,K,N ...]}, default 64,784,128 512,784,512 1024,1024,1024.
 */
public final class GemmBench {
  private GemmBench() {}

  public static void main(String[] args) {
    String[] sizes = args.length > 0 ? args : new String[] {"64,784,128", "512,784,512", "1024,1024,1024"};
    System.out.printf("BLAS implementation: %s (native: %s)%n", Gemm.implementation(), Gemm.isNative());
    System.out.printf("%-18s %8s %12s %10s%n", "M,K,N", "reps", "median_ms", "GFLOP/s");
    for (String size : sizes) {
      String[] p = size.split(",");
      int m = Integer.parseInt(p[0].trim());
      int k = Integer.parseInt(p[1].trim());
      int n = Integer.parseInt(p[2].trim());
      double seconds = time(m, k, n);
      System.out.printf("%-18s %8d %12.3f %10.1f%n", size, REPS, seconds * 1e3, 2.0 * m * k * n / seconds / 1e9);
    }
  }

  private static final int REPS = 15;

  /** Median seconds of one product; each repetition times enough products to last at least ~50 ms. */
  static double time(int m, int k, int n) {
    float[] a = random(m * k, 1);
    float[] b = random(k * n, 2);
    float[] c = new float[m * n];
    Runnable product = () -> Gemm.gemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
    long warmEnd = System.nanoTime() + 500_000_000L;
    int inner = 0;
    long t0 = System.nanoTime();
    while (System.nanoTime() < warmEnd) {
      product.run();
      inner++;
    }
    double perCall = (System.nanoTime() - t0) / 1e9 / inner;
    int calls = Math.max(1, (int) Math.ceil(0.05 / perCall));
    double[] samples = new double[REPS];
    for (int r = 0; r < REPS; r++) {
      long start = System.nanoTime();
      for (int i = 0; i < calls; i++) product.run();
      samples[r] = (System.nanoTime() - start) / 1e9 / calls;
    }
    return Medians.of(samples);
  }

  private static float[] random(int size, long stream) {
    long key = CounterRandom.key(42, RandomPurpose.INIT, stream);
    float[] v = new float[size];
    for (int i = 0; i < size; i++) v[i] = CounterRandom.uniform(key, i) - 0.5f;
    return v;
  }
}
