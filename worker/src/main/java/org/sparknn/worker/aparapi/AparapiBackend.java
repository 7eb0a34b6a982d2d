package org.sparknn.worker.aparapi;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.sparknn.spec.ModelSpec;
import org.sparknn.worker.Backend;
import org.sparknn.worker.Network;

/**
 * The OpenCL backend: networks whose layers, loss and optimizer run as Aparapi kernels on one OpenCL device.
 * Aparapi compiles each kernel class once per JVM and device (it caches the OpenCL source per class and the
 * binary per class and device), so the networks that {@link org.sparknn.worker.partition.NetworkCache} builds per
 * thread reuse those builds; each network owns its kernel instances (Aparapi kernels are not thread-safe) and
 * disposes them on close.
 */
public final class AparapiBackend implements Backend {
  /** Every kernel class, for the report of where each one last ran. */
  static final List<Class<? extends Kernel>> KERNELS = List.of(MatMulKernel.class, ChannelAddKernel.class,
      ChannelSumKernel.class, ActivationKernel.class, SoftmaxKernel.class, SoftmaxCrossEntropyKernel.class,
      DropoutKernel.class, BatchNormStatsKernel.class, BatchNormApplyKernel.class, BatchNormGradKernel.class,
      Conv2DKernel.class, MaxPoolKernel.class, SgdKernel.class, AdamKernel.class, AdagradKernel.class,
      RmsPropKernel.class);

  private final OpenCLDevice device;

  public AparapiBackend(OpenCLDevice device) {
    this.device = device;
  }

  @Override
  public Network compile(ModelSpec spec, int maxRows) {
    return new AparapiNetwork(device, spec, maxRows);
  }

  @Override
  public String device() {
    return "aparapi: OpenCL " + OpenClDevices.describe(device);
  }

  public OpenCLDevice openClDevice() {
    return device;
  }

  /**
   * Where each kernel class last ran in this JVM, from Aparapi's profiles ("not run" before its first launch):
   * the answer to "did it really run on OpenCL", since {@code isRunningCL()} only reports the preferred device.
   */
  public static Map<String, String> kernelDevices() {
    Map<String, String> out = new TreeMap<>();
    for (Class<? extends Kernel> k : KERNELS) {
      Device d = DeviceKernel.ranOn(k);
      out.put(k.getSimpleName(), d == null ? "not run" : d instanceof OpenCLDevice cl
          ? "OpenCL " + OpenClDevices.describe(cl) : "Java " + d.getShortDescription());
    }
    return out;
  }

  /** The kernels that have run in this JVM and the device each last ran on, as one line for the log. */
  public static String ranOn() {
    StringBuilder b = new StringBuilder("kernels ran on");
    kernelDevices().forEach((k, d) -> {
      if (!d.equals("not run")) b.append(' ').append(k).append(": ").append(d).append(';');
    });
    return b.toString();
  }

  @Override
  public void close() {}
}
