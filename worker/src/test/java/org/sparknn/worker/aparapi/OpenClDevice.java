package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.aparapi.Kernel;
import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import java.io.File;
import org.junit.jupiter.api.Assumptions;

/**
 * The OpenCL device the Aparapi tests run on. Without one, tests are skipped with the reason; but where an OpenCL
 * ICD is installed (a *.icd file where the ocl-icd loader looks: $OCL_ICD_VENDORS, else /etc/OpenCL/vendors, as
 * scripts/setup.sh installs PoCL's in CI) and still no device is found, they fail: a broken OpenCL setup must not
 * turn into a quiet skip.
 */
final class OpenClDevice {
  private static boolean toldWhySkipped;

  private OpenClDevice() {}

  static OpenCLDevice require() {
    var device = OpenClDevices.best(true);
    if (device.isEmpty()) {
      String vendors = System.getenv().getOrDefault("OCL_ICD_VENDORS", "/etc/OpenCL/vendors");
      File[] icds = new File(vendors).listFiles((dir, name) -> name.endsWith(".icd"));
      if (icds != null && icds.length > 0) {
        fail("OpenCL ICDs are installed (" + icds[0] + ", ...) but Aparapi finds no device");
      }
      if (!toldWhySkipped) { // once on the console too: surefire only counts skips, the reason is in its XML
        System.err.println("Aparapi tests skipped: " + OpenClDevices.absenceReason(true));
        toldWhySkipped = true;
      }
      Assumptions.assumeTrue(false, "skipped: " + OpenClDevices.absenceReason(true));
    }
    return device.get();
  }

  /**
   * Asserts that each kernel class was launched and that its last launch ran on an OpenCL device: as checked after
   * the launch, and as Aparapi's profile says.
   */
  @SafeVarargs
  static void assertRanOnOpenCl(Class<? extends Kernel>... kernels) {
    for (Class<? extends Kernel> k : kernels) {
      Device checked = DeviceKernel.ranOn(k);
      Device profiled = DeviceKernel.lastDevice(k);
      assertTrue(checked instanceof OpenCLDevice, k.getSimpleName() + " never launched on OpenCL");
      assertTrue(profiled instanceof OpenCLDevice, k.getSimpleName() + " last ran on " + profiled);
    }
  }
}
