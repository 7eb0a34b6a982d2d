package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A kernel Aparapi cannot translate to OpenCL (here: it calls a JDK method, String.valueOf) must never run
 * in Aparapi's Java thread pool: building it fails at once, and launching it anyway fails fast without running
 * its body in Java.
 */
class AparapiFallbackTest {
  static OpenCLDevice device;

  @BeforeEach // not BeforeAll: surefire shows a skipped test with its reason, not a silent empty class
  void setUp() {
    device = OpenClDevice.require();
  }

  /** Not expressible in OpenCL C: a call to a JDK method inside run(). */
  static final class Untranslatable extends DeviceKernel {
    final float[] out = new float[256];
    final int[] javaRuns = new int[1];

    Untranslatable(OpenCLDevice device) {
      super(device);
    }

    @Override
    public void run() {
      out[getGlobalId()] = String.valueOf(getGlobalId()).length();
      javaRuns[0]++; // only ever reached if Aparapi ran this in Java
    }
  }

  /** A second class: Aparapi marks a device failed per kernel class, so each test needs its own. */
  static final class AlsoUntranslatable extends DeviceKernel {
    final float[] out = new float[256];
    final int[] javaRuns = new int[1];

    AlsoUntranslatable(OpenCLDevice device) {
      super(device);
    }

    @Override
    public void run() {
      out[getGlobalId()] = String.valueOf(getGlobalId()).length();
      javaRuns[0]++;
    }
  }

  @Test
  void aKernelThatCannotCompileFailsWhenBuilt() {
    Untranslatable k = new Untranslatable(device);
    KernelFallbackException e = assertThrows(KernelFallbackException.class, k::prepare);
    assertTrue(e.getMessage().contains("does not compile for OpenCL"), e.getMessage());
  }

  @Test
  void launchingItAnywayFailsFastInsteadOfRunningInJava() {
    AlsoUntranslatable k = new AlsoUntranslatable(device);
    k.restrictDevices(); // as prepare() does, without the up-front compile
    long start = System.nanoTime();
    KernelFallbackException e = assertThrows(KernelFallbackException.class, () -> k.launch(k.range(256, 64)));
    double seconds = (System.nanoTime() - start) / 1e9;
    assertTrue(e.getMessage().contains("did not run on OpenCL"), e.getMessage());
    assertEquals(0, k.javaRuns[0], "the kernel body ran in Java");
    assertTrue(seconds < 30, "the failure took " + seconds + " s");
    // and later launches fail at once too: Aparapi has marked the device failed for this kernel class
    assertThrows(KernelFallbackException.class, () -> k.launch(k.range(256, 64)));
    assertEquals(0, k.javaRuns[0], "the kernel body ran in Java");
  }
}
