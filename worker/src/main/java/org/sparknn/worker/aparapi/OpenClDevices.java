package org.sparknn.worker.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds OpenCL devices through Aparapi: GPUs first, then accelerators, then (when allowed) CPU devices such as
 * PoCL. Without an OpenCL runtime (no libOpenCL / ICD), or when Aparapi's native library cannot load, there are none.
 */
public final class OpenClDevices {
  private OpenClDevices() {}

  /** The first GPU (or accelerator); with {@code allowCpu}, else the first CPU OpenCL device. */
  public static Optional<OpenCLDevice> best(boolean allowCpu) {
    List<Device.TYPE> types = new ArrayList<>(List.of(Device.TYPE.GPU, Device.TYPE.ACC));
    if (allowCpu) types.add(Device.TYPE.CPU);
    for (Device.TYPE type : types) {
      List<OpenCLDevice> found = list(type);
      if (!found.isEmpty()) return Optional.of(found.get(0));
    }
    return Optional.empty();
  }

  /** Why there is no device, for messages: what was looked for and what to install. */
  public static String absenceReason(boolean allowCpu) {
    return "no OpenCL " + (allowCpu ? "device" : "GPU") + " found (an OpenCL ICD is needed: a GPU driver's, or "
        + "pocl-opencl-icd for the CPU on Debian/Ubuntu; see scripts/setup.sh)";
  }

  /** A device in words: name, type, compute units and platform. */
  public static String describe(OpenCLDevice d) {
    return d.getName().trim() + " (" + d.getType() + ", " + d.getMaxComputeUnits() + " compute units, "
        + d.getOpenCLPlatform().getName().trim() + ")";
  }

  private static List<OpenCLDevice> list(Device.TYPE type) {
    try {
      return OpenCLDevice.listDevices(type);
    } catch (RuntimeException | LinkageError e) { // no OpenCL runtime or no native library for this platform
      return List.of();
    }
  }
}
