package org.sparknn.worker.cpu;

import org.sparknn.spec.ModelSpec;
import org.sparknn.worker.Backend;
import org.sparknn.worker.Network;

/** The CPU backend: matrix products in BLAS (see {@link Gemm}), everything else in plain Java loops. */
public final class CpuBackend implements Backend {
  @Override
  public Network compile(ModelSpec spec, int maxRows) {
    return new CpuNetwork(spec, maxRows);
  }

  @Override
  public String device() {
    return "cpu (" + (Gemm.isNative() ? "native BLAS" : "Java BLAS") + ": " + Gemm.implementation() + ")";
  }

  @Override
  public void close() {}
}
