package org.sparknn.driver.run;

/**
 * How much memory one executor JVM needs, from the model and the data it holds (README, "Memory"). All figures in
 * bytes, 4 bytes per float:
 *
 * <pre>
 *   data      D = 4 * R * F                    R cached rows on the executor, F = features + label width
 *   loading     = 3 * D                        the read copy, the laid-out copy and the sharded copy at once
 *   tasks       = 4 * T * (P * (c + s') + 2 * (b + E) * A)
 *                   T concurrent tasks, P parameters; c = 2 (the parameters and gradients per task), or 1 where the
 *                   tasks exchange with the driver in memory in sync = step (local mode: they read the driver's
 *                   parameters in place); s' = s optimizer slots per parameter in averaging modes (the tasks step),
 *                   0 with sync = step (the driver steps);
 *                   b rows per task per step, A floats of activations per sample (input and every layer's
 *                   output), kept forward and again as gradients backward; E rows of the evaluation network
 *                   each task thread also keeps (DistributedEvaluation.evalRows). Not counted: a convolution's
 *                   im2col buffer (k * k * C_in * output area floats a row), a compromise for CNNs
 *   driver      = 4 * P * (2 * (1 + s) + 2 + N)   only where the driver shares the JVM (local mode): state and
 *                   its checkpoint copy, gradient sum and send buffer, one receive buffer per partition N; with
 *                   the exchange in memory 4 * P * 2 * (1 + s) (the sum is added into a task's arrays, nothing is
 *                   sent or received as bytes)
 *   live peak   = H0 + driver + max(loading, D + tasks)     H0 = Spark's and our own objects
 *   heap        = live peak * 3/2              G1 collects back to back with less than a third of the heap free
 *   resident    = heap + N0                    N0 = metaspace, code cache, GC tables, thread stacks, native BLAS
 * </pre>
 *
 * H0 and N0 are measured (bench/RESULTS.md, "Memory"): a compromise, they move with Spark's version and the JVM.
 */
public record MemoryEstimate(long params, int slots, boolean localOptimizer, int tasks, long rowsPerTaskStep,
    long evalRows, long activationsPerSample, long cachedRows, long rowFloats, int driverPartitions,
    boolean inMemory) {
  /** Heap of Spark's and sparknn's own objects in a running job (measured with a class histogram, rounded up). */
  public static final long BASELINE_HEAP = 64L << 20;
  /** Resident memory outside the heap: metaspace, code cache, GC tables, threads, BLAS (measured, rounded up). */
  public static final long NON_HEAP = 320L << 20;
  static final int LOADING_COPIES = 3;

  public MemoryEstimate {
    if (params < 0 || slots < 0 || tasks < 1 || rowsPerTaskStep < 0 || evalRows < 0 || activationsPerSample < 0
        || cachedRows < 0 || rowFloats < 0 || driverPartitions < 0) {
      throw new IllegalArgumentException("negative size, or fewer than one task, in " + this);
    }
  }

  public long dataBytes() {
    return 4 * cachedRows * rowFloats;
  }

  public long loadingBytes() {
    return LOADING_COPIES * dataBytes();
  }

  public long taskBytes() {
    long perTask = params * ((inMemory && !localOptimizer ? 1 : 2) + (localOptimizer ? slots : 0))
        + 2 * (rowsPerTaskStep + evalRows) * activationsPerSample;
    return 4 * tasks * perTask;
  }

  public long driverBytes() {
    if (driverPartitions == 0) return 0;
    return 4 * params * (2L * (1 + slots) + (inMemory ? 0 : 2 + driverPartitions));
  }

  public long livePeakBytes() {
    return BASELINE_HEAP + driverBytes() + Math.max(loadingBytes(), dataBytes() + taskBytes());
  }

  /** The heap to give the JVM (-Xmx, or spark.executor.memory). */
  public long heapBytes() {
    return livePeakBytes() * 3 / 2;
  }

  /** Expected peak resident memory when the heap is {@link #heapBytes()} and fills up once (it does, loading). */
  public long residentBytes() {
    return heapBytes() + NON_HEAP;
  }

  /** One line for the start of a run. */
  public String describe() {
    return String.format("memory estimate: heap %,d MiB (data %,d MiB cached, loading peak %,d MiB, tasks %,d MiB,"
        + " driver %,d MiB), resident about %,d MiB", mib(heapBytes()), mib(dataBytes()), mib(loadingBytes()),
        mib(taskBytes()), mib(driverBytes()), mib(residentBytes()));
  }

  private static long mib(long bytes) {
    return (bytes + (1 << 20) - 1) >> 20;
  }
}
