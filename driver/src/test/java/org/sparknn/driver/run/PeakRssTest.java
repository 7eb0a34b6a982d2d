package org.sparknn.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** VmHWM is read from the status lines in bytes; without the line (or on another OS) there is no figure. */
class PeakRssTest {
  @Test
  void readsVmHwmInBytes() {
    List<String> status = List.of("Name:\tjava", "VmPeak:\t 9000000 kB", "VmHWM:\t 1305020 kB", "VmRSS:\t 1200000 kB");
    assertEquals(OptionalLong.of(1305020L * 1024), PeakRss.parse(status));
  }

  @Test
  void noVmHwmLineMeansNoFigure() {
    assertEquals(OptionalLong.empty(), PeakRss.parse(List.of("Name:\tjava", "VmRSS:\t 1200000 kB")));
    assertEquals(OptionalLong.empty(), PeakRss.parse(List.of("VmHWM:\t 12 MB")));
  }

  @Test
  void thisJvmHasAPeakOnLinux() {
    OptionalLong peak = PeakRss.bytes();
    assertEquals(Files.isReadable(Path.of("/proc/self/status")), peak.isPresent());
    peak.ifPresent(b -> assertTrue(b > 1 << 20, "a JVM holds more than 1 MiB: " + b));
  }
}
