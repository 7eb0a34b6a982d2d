package org.sparknn.worker.partition;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;
import org.sparknn.config.ParallelSettings;
import org.sparknn.spec.ModelSpec;
import org.sparknn.worker.Backend;
import org.sparknn.worker.Network;
import org.sparknn.worker.aparapi.KernelFallbackException;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * Compiled networks kept per thread for the life of the executor JVM: Spark runs tasks on pooled threads, so a
 * task finds the network (and its buffers, and on OpenCL its kernels) a previous task of the same job compiled.
 * Networks are not thread-safe, hence one per thread. Backends are opened once per JVM and setting.
 */
public final class NetworkCache {
  private record Key(ParallelSettings.Backend backend, ModelSpec spec, int maxRows) {}

  private static final Logger LOG = Logger.getLogger(NetworkCache.class.getName());
  private static final CpuBackend CPU = new CpuBackend();
  private static final Map<ParallelSettings.Backend, Backend> BACKENDS = new EnumMap<>(ParallelSettings.Backend.class);
  private static final ThreadLocal<Map<Key, Network>> NETWORKS = ThreadLocal.withInitial(HashMap::new);

  private NetworkCache() {}

  /** A CPU network for {@code spec} taking at least {@code maxRows} rows, compiled once per thread. */
  public static Network cpu(ModelSpec spec, int maxRows) {
    return of(ParallelSettings.Backend.CPU, spec, maxRows);
  }

  /**
   * A network on the backend {@code setting} chooses, compiled once per thread. With {@code auto}, a kernel that
   * cannot be built for the GPU switches this JVM to the CPU backend, with a warning.
   */
  public static Network of(ParallelSettings.Backend setting, ModelSpec spec, int maxRows) {
    return NETWORKS.get().computeIfAbsent(new Key(setting, spec, maxRows), k -> {
      Backend backend = backend(setting);
      try {
        return backend.compile(spec, maxRows);
      } catch (KernelFallbackException e) {
        if (setting != ParallelSettings.Backend.AUTO) throw e;
        LOG.warning("backend = auto: " + e.getMessage() + "; switching to the CPU backend");
        switchToCpu();
        return CPU.compile(spec, maxRows);
      }
    });
  }

  /** The backend a setting resolves to on this JVM, opened on first use. */
  public static synchronized Backend backend(ParallelSettings.Backend setting) {
    if (setting == ParallelSettings.Backend.CPU) return CPU;
    return BACKENDS.computeIfAbsent(setting, BackendChoice::open);
  }

  private static synchronized void switchToCpu() {
    BACKENDS.put(ParallelSettings.Backend.AUTO, CPU);
  }

  /** Where CPU networks run, in words. */
  public static String device() {
    return CPU.device();
  }

  /**
   * Where networks of {@code setting} run on this JVM, in words, for logs and provenance; never throws (on a
   * driver without OpenCL, {@code aparapi} says so: the executors choose their own devices).
   */
  public static String describe(ParallelSettings.Backend setting) {
    try {
      return backend(setting).device();
    } catch (RuntimeException e) {
      return setting.configName() + " (not available on this JVM: " + e.getMessage() + ")";
    }
  }
}
