package org.sparknn.driver.run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * This JVM's peak resident set size: Linux's {@code VmHWM} ("high water mark") from {@code /proc/self/status}, the
 * figure {@code /usr/bin/time -v} reports as "Maximum resident set size" for a process without children. In local
 * mode the driver JVM is the whole run (executors are threads in it). Empty where there is no such file (macOS,
 * Windows): a missing figure is left out of metrics.jsonl rather than written as zero.
 */
public final class PeakRss {
  private static final Path STATUS = Path.of("/proc/self/status");

  private PeakRss() {}

  /** Peak RSS in bytes so far, or empty when the platform does not say. */
  public static OptionalLong bytes() {
    if (!Files.isReadable(STATUS)) return OptionalLong.empty();
    try {
      return parse(Files.readAllLines(STATUS));
    } catch (IOException | RuntimeException e) {
      return OptionalLong.empty(); // a figure for the record, never a reason to fail a run
    }
  }

  /** The {@code VmHWM:   1234 kB} line of a status file, in bytes (the kernel's "kB" is 1024 bytes). */
  static OptionalLong parse(List<String> statusLines) {
    for (String line : statusLines) {
      if (!line.startsWith("VmHWM:")) continue;
      String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
      if (parts.length != 2 || !parts[1].equals("kB")) return OptionalLong.empty();
      return OptionalLong.of(Long.parseLong(parts[0]) * 1024);
    }
    return OptionalLong.empty();
  }
}
