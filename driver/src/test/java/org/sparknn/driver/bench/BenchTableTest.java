package org.sparknn.driver.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bench row's rate, accuracy and peak RSS come from the run's metrics.jsonl; the end line's RSS wins. */
class BenchTableTest {
  @TempDir
  Path dir;

  @Test
  void readsRateAccuracyAndTheEndLinesPeakRss() throws IOException {
    Path m = write("{\"event\":\"epoch\",\"epoch\":1,\"samples_per_second\":100,\"seconds\":2,\"peak_rss_bytes\":1000}",
        "{\"event\":\"epoch\",\"epoch\":2,\"samples_per_second\":300,\"seconds\":1,\"peak_rss_bytes\":3000}",
        "{\"event\":\"test\",\"test_accuracy\":0.875}", "{\"event\":\"end\",\"peak_rss_bytes\":5000}");
    BenchTable.Row row = BenchTable.read(m);
    assertEquals(500.0 / 3, row.samples() / row.seconds(), 1e-9);
    assertEquals(300, row.best());
    assertEquals(0.875, row.testAccuracy());
    assertEquals(5000, row.peakRssBytes());
  }

  @Test
  void withoutAnEndLineTheLargestEpochFigureAndWithoutAnyNone() throws IOException {
    assertEquals(3000, BenchTable.read(write(
        "{\"event\":\"epoch\",\"epoch\":1,\"samples_per_second\":1,\"seconds\":1,\"peak_rss_bytes\":3000}",
        "{\"event\":\"epoch\",\"epoch\":2,\"samples_per_second\":1,\"seconds\":1,\"peak_rss_bytes\":2000}"))
        .peakRssBytes());
    assertEquals(-1, BenchTable.read(write("{\"event\":\"epoch\",\"epoch\":1,\"samples_per_second\":1,\"seconds\":1}"))
        .peakRssBytes());
  }

  private Path write(String... lines) throws IOException {
    Path m = dir.resolve("metrics-" + lines.length + "-" + lines[0].hashCode() + ".jsonl");
    Files.write(m, java.util.List.of(lines));
    return m;
  }
}
