package org.sparknn.worker.partition;

import java.util.logging.Logger;
import org.sparknn.config.ParallelSettings;
import org.sparknn.worker.Backend;
import org.sparknn.worker.aparapi.AparapiBackend;
import org.sparknn.worker.aparapi.OpenClDevices;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * The backend a {@code backend} setting means on this JVM: {@code cpu}; {@code aparapi}: an OpenCL device, a CPU
 * one (PoCL) if no GPU, else an error; {@code auto}: an OpenCL GPU if there is one, else the CPU backend (an OpenCL
 * CPU device is slower than BLAS on the same cores, so auto never picks it).
 */
public final class BackendChoice {
  private static final Logger LOG = Logger.getLogger(BackendChoice.class.getName());

  private BackendChoice() {}

  public static Backend open(ParallelSettings.Backend setting) {
    return switch (setting) {
      case CPU -> new CpuBackend();
      case APARAPI -> new AparapiBackend(OpenClDevices.best(true).orElseThrow(() ->
          new IllegalStateException("backend = aparapi: " + OpenClDevices.absenceReason(true))));
      case AUTO -> OpenClDevices.best(false).<Backend>map(AparapiBackend::new).orElseGet(() -> {
        LOG.info("backend = auto: " + OpenClDevices.absenceReason(false) + "; using the CPU backend");
        return new CpuBackend();
      });
    };
  }
}
