package org.sparknn.worker.partition;

import java.util.HashMap;
import java.util.Map;
import org.sparknn.spec.ModelSpec;
import org.sparknn.worker.Network;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * Compiled networks kept per thread for the life of the executor JVM: Spark runs tasks on pooled threads, so a
 * task finds the network (and its buffers) a previous task of the same job compiled. Networks are not thread-safe,
 * hence one per thread.
 */
public final class NetworkCache {
  private record Key(ModelSpec spec, int maxRows) {}

  private static final CpuBackend CPU = new CpuBackend();
  private static final ThreadLocal<Map<Key, Network>> NETWORKS = ThreadLocal.withInitial(HashMap::new);

  private NetworkCache() {}

  /** A CPU network for {@code spec} taking at least {@code maxRows} rows, compiled once per thread. */
  public static Network cpu(ModelSpec spec, int maxRows) {
    return NETWORKS.get().computeIfAbsent(new Key(spec, maxRows), k -> CPU.compile(spec, maxRows));
  }

  /** Where the cached networks run, in words. */
  public static String device() {
    return CPU.device();
  }
}
