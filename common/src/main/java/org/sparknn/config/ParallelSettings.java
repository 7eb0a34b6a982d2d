package org.sparknn.config;

import org.sparknn.spec.SpecException;

/**
 * How a Spark job spreads the training: {@code partitions} Spark partitions (each holding whole logical shards, so
 * at most {@code training.shards}; 0 means Spark's default parallelism, capped at the shard count), the
 * {@link SyncMode}, and the compute {@code backend} on executors.
 */
public record ParallelSettings(int partitions, SyncMode sync, Backend backend) implements java.io.Serializable {
  /**
   * Executor compute backends: {@code cpu} (BLAS); {@code aparapi}: OpenCL kernels on a GPU, or on a CPU OpenCL
   * device (PoCL) when there is no GPU; {@code auto}: an OpenCL GPU when there is one, else the CPU backend.
   */
  public enum Backend {
    AUTO, CPU, APARAPI;

    public String configName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public ParallelSettings {
    if (partitions < 0) throw new SpecException("training.partitions", "expected 0 (automatic) or more, got " + partitions);
    if (sync == null) sync = SyncMode.everyStep();
    if (backend == null) backend = Backend.AUTO;
  }

  /** The partition count to use given Spark's default parallelism and the shard count. */
  public int partitionsFor(int defaultParallelism, int shards) {
    int wanted = partitions == 0 ? defaultParallelism : partitions;
    if (wanted > shards) {
      if (partitions == 0) return shards;
      throw new SpecException("training.partitions", partitions + " partitions cannot each hold whole shards of "
          + shards + "; use at most training.shards or raise it");
    }
    return Math.max(1, wanted);
  }
}
