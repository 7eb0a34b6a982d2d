package org.sparknn.worker.aparapi;

import com.aparapi.Kernel;
import com.aparapi.Range;
import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.exception.CompileFailedException;
import com.aparapi.internal.kernel.KernelDeviceProfile;
import com.aparapi.internal.kernel.KernelManager;
import com.aparapi.internal.kernel.KernelProfile;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The base of every sparknn kernel: bound to one OpenCL device, in explicit buffer mode (callers {@code put} the
 * arrays a launch reads and {@code get} those it writes), compiled up front, and never allowed to run in Java.
 *
 * <p>Aparapi falls back silently to a Java thread pool when OpenCL fails (a code-generation error, a device
 * error); for a tiled kernel that is thousands of times slower. So the only devices a kernel may use are its
 * OpenCL device, then Aparapi's "alternative algorithm" slot, whose implementation here only records that a
 * fallback happened. {@link #launch} then fails with {@link KernelFallbackException}: the fallback costs nothing,
 * and is loud. {@link #launch} also reads Aparapi's per-class profile to check where the launch really ran
 * ({@code isRunningCL()} and {@code getTargetDevice()} report the preferred device, not the one used).
 *
 * <p>Device memory: Aparapi's default for every device ("shared memory") creates buffers with
 * CL_MEM_USE_HOST_PTR on the address of the Java array, which is pinned only during a native call; once the
 * garbage collector moves the array, the OpenCL runtime may still read and write the old address, inside the
 * Java heap. That crashed the JVM here in GC (2 of 2 runs of the residency test under allocation pressure, and the
 * first Spark training run). Turning it off makes Aparapi use CL_MEM_COPY_HOST_PTR: device-owned buffers, written
 * and read only through explicit put/get while the array is pinned. It is also what keeps data on a GPU.
 *
 * <p>Residency, and its limit: when a launch finds that the collector moved one of its arrays, Aparapi rebuilds
 * that buffer from the Java array. So data may stay on the device between launches only while its host copy is
 * current (parameters, inputs, optimizer state that is read back every step); anything a launch writes and a later
 * launch reads (dropout masks, max-pool indices, batch-norm sums) is read back to the host after it is written.
 * The residency test checks this under allocation pressure with forced collections.
 */
abstract class DeviceKernel extends Kernel {
  /** Per kernel class, the device of its last successful launch in this JVM (absent: never launched). */
  private static final Map<Class<?>, Device> RAN = new ConcurrentHashMap<>();

  private final transient OpenCLDevice device;
  private transient boolean fellBack;
  private transient long paramsSeen = -1;
  private transient boolean launched;

  DeviceKernel(OpenCLDevice device) {
    this.device = device;
    device.setSharedMemory(false); // see the class comment: buffers must never alias the Java heap
  }

  /** Explicit buffers, OpenCL device only, compiled now: a kernel that cannot be built fails here, not later. */
  final void prepare() {
    restrictDevices();
    try {
      compile(device);
    } catch (CompileFailedException e) {
      throw new KernelFallbackException(getClass().getSimpleName() + " does not compile for OpenCL on "
          + device.getShortDescription() + ": " + e.getMessage(), e);
    }
  }

  /**
   * Puts a layer's parameter copy only when it changed since this kernel last saw it ({@code generation} is
   * bumped whenever the network loads new parameters): weights stay on the device across the launches of a step
   * and across evaluation calls with the same parameters.
   */
  final void putParams(float[] p, long generation) {
    if (generation != paramsSeen) {
      put(p);
      paramsSeen = generation;
    }
  }

  /** Explicit buffers; this kernel's OpenCL device, then the no-op "alternative algorithm", and nothing else. */
  final void restrictDevices() {
    setExplicit(true);
    LinkedHashSet<Device> allowed = new LinkedHashSet<>(List.of(device, JavaDevice.ALTERNATIVE_ALGORITHM));
    KernelManager.instance().setPreferredDevices(this, allowed);
  }

  final OpenCLDevice device() {
    return device;
  }

  /** Runs the kernel over {@code range}; throws if it did not run on this kernel's OpenCL device. */
  final void launch(Range range) {
    fellBack = false;
    launched = true;
    try {
      execute(range);
    } catch (AssertionError e) { // Aparapi's answer when this class's OpenCL device was marked failed earlier
      throw new KernelFallbackException(getClass().getSimpleName() + " did not run on OpenCL: Aparapi marked "
          + device.getShortDescription() + " as failed for this kernel class (" + e.getMessage() + ")", e);
    }
    Device ran = lastDevice(getClass());
    if (fellBack || !(ran instanceof OpenCLDevice)) {
      throw new KernelFallbackException(getClass().getSimpleName() + " did not run on OpenCL ("
          + (ran == null ? "no device recorded" : ran.getShortDescription()) + "); Aparapi fell back from "
          + device.getShortDescription() + ". Refusing to compute in Java; see the log above for Aparapi's reason.");
    }
    RAN.put(getClass(), ran);
  }

  /**
   * Disposes the kernel's OpenCL context and buffers. Aparapi 3.0.2's native dispose crashes the JVM (SIGSEGV in
   * JNIContext::dispose, seen here) for a kernel that was compiled but never executed, which is common: an
   * inference-only network never runs its backward kernels. So such a kernel first runs once over one work item
   * with its sizes at zero, which every run() here guards against, then is disposed.
   */
  final void release() {
    if (!launched) {
      launched = true;
      execute(device.createRange(1, 1));
    }
    dispose();
  }

  /** A 1-D range of at least {@code n} work items in groups of {@code group} (n rounded up). */
  final Range range(int n, int group) {
    return device.createRange(roundUp(Math.max(n, 1), group), group);
  }

  /** A 2-D range of at least n0 x n1 work items in tiles of t0 x t1. */
  final Range range2D(int n0, int n1, int t0, int t1) {
    return device.createRange2D(roundUp(Math.max(n0, 1), t0), roundUp(Math.max(n1, 1), t1), t0, t1);
  }

  static int roundUp(int n, int multiple) {
    return (n + multiple - 1) / multiple * multiple;
  }

  @Override
  public boolean hasFallbackAlgorithm() {
    return true;
  }

  /** Aparapi's last resort: computes nothing, records the fallback so {@link #launch} can fail loudly. */
  @Override
  public void executeFallbackAlgorithm(Range range, int passId) {
    fellBack = true;
  }

  /**
   * The device kernel class {@code k} last ran on in this JVM, as {@link #launch} checked it (null if it never ran).
   * Not Aparapi's profile alone: compiling a kernel already records a device there.
   */
  static Device ranOn(Class<? extends Kernel> k) {
    return RAN.get(k);
  }

  /**
   * The device the last launch of kernel class {@code k} ran on, from Aparapi's profile (null before any launch).
   * The profile is per class; one class's kernels all use the backend's single device, so any thread's last launch
   * names the same device unless one fell back, which {@link #launch} catches on that thread.
   */
  static Device lastDevice(Class<? extends Kernel> k) {
    KernelProfile profile = KernelManager.instance().getProfile(k);
    if (profile.getDevices().isEmpty()) return null; // never started: getLastDeviceProfile() would throw
    KernelDeviceProfile last = profile.getLastDeviceProfile();
    if (last == null) return null;
    for (Device d : profile.getDevices()) {
      if (profile.getDeviceProfile(d) == last) return d;
    }
    return null;
  }
}
