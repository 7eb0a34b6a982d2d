package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparknn.config.ParallelSettings.Backend;
import org.sparknn.spec.ModelSpec;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.Network;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.partition.NetworkCache;

/** What the {@code backend} setting resolves to, through the per-JVM cache the Spark tasks use. */
class AparapiBackendChoiceTest {
  @Test
  void aparapiUsesAnOpenClDeviceEvenACpuOne() {
    OpenClDevice.require();
    assertInstanceOf(AparapiBackend.class, NetworkCache.backend(Backend.APARAPI));
    assertTrue(NetworkCache.describe(Backend.APARAPI).startsWith("aparapi: OpenCL "),
        NetworkCache.describe(Backend.APARAPI));
    ModelSpec spec = Fixtures.model("input = 8, loss = softmax_cross_entropy, layers = [{type = dense, units = 3}]");
    Network net = NetworkCache.of(Backend.APARAPI, spec, 4);
    assertInstanceOf(AparapiNetwork.class, net);
    assertSame(net, NetworkCache.of(Backend.APARAPI, spec, 4), "compiled once per thread");
  }

  @Test
  void autoTakesAGpuOrTheCpuBackend() {
    boolean gpu = OpenClDevices.best(false).isPresent();
    if (gpu) {
      assertInstanceOf(AparapiBackend.class, NetworkCache.backend(Backend.AUTO));
    } else { // an OpenCL CPU device (PoCL) is slower than BLAS on the same cores: auto does not take it
      assertInstanceOf(CpuBackend.class, NetworkCache.backend(Backend.AUTO));
    }
    assertInstanceOf(CpuBackend.class, NetworkCache.backend(Backend.CPU));
  }
}
