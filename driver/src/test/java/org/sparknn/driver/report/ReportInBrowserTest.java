package org.sparknn.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * report.html opened in a real browser: Debian's chromium, headless, with name resolution off and every network
 * feature it has disabled. The page must render (a screenshot with the charts' colours and plenty of distinct
 * colours, neither blank nor all ink) and must not ask for anything (no console message of a refused or failed
 * load). A control page with one remote image shows that such a message would be seen. Skipped, with the reason,
 * where chromium is not installed (scripts/setup.sh installs it).
 */
class ReportInBrowserTest {
  private static final String NO_CHROMIUM = "chromium is not installed (scripts/setup.sh --test installs it): "
      + "report.html not opened in a browser";
  private static Path chromium;

  @TempDir
  Path dir;

  @BeforeAll
  static void findChromium() {
    for (String name : List.of("chromium", "chromium-browser")) {
      for (String p : System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator)) {
        Path candidate = Path.of(p, name);
        if (chromium == null && Files.isExecutable(candidate)) chromium = candidate;
      }
    }
    if (chromium == null) System.err.println("ReportInBrowserTest: skipped: " + NO_CHROMIUM);
  }

  /** Per test, so that each is reported as skipped (an assumption in @BeforeAll would count no test at all). */
  @BeforeEach
  void needsChromium() {
    assumeTrue(chromium != null, NO_CHROMIUM);
  }

  @Test
  void reportRendersOfflineWithChartsAndNoFailedLoads() throws Exception {
    Path run = RecordedRun.write(dir.resolve("run"), true, true, true);
    RunReport.write(new Configuration(), run.toString());
    Shot shot = screenshot(run.resolve("report.html"), 1280, 2600);
    // Kept for a person to look at: target/report-screenshot.png (Maven runs tests in the module directory).
    if (Files.isDirectory(Path.of("target"))) {
      Files.copy(shot.png(), Path.of("target/report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    assertTrue(problems(shot.log()).isEmpty(), () -> "browser reported: " + problems(shot.log()));
    BufferedImage image = ImageIO.read(shot.png().toFile());
    assertNotNull(image, "screenshot is a PNG");
    assertEquals(1280, image.getWidth());
    double ink = inkFraction(image);
    assertTrue(ink > 0.05 && ink < 0.9, "share of non-white pixels " + ink);
    int colours = distinctColours(image);
    assertTrue(colours > 200, "distinct colours " + colours);
    // The charts are images inside the page: their series colours on screen mean the embedded PNGs decoded.
    assertTrue(RunReportTest.pixels(image, ReportCharts.VALIDATION) > 200, "validation curve on screen");
    assertTrue(RunReportTest.pixels(image, ReportCharts.COMPUTE) > 500, "time chart on screen");
  }

  @Test
  void aPageThatFetchesIsCaught() throws Exception {
    Path page = dir.resolve("fetches.html");
    Files.writeString(page, "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" "
        + "content=\"default-src 'none'\"></head><body><p>control</p>"
        + "<img src=\"http://192.0.2.1/chart.png\"></body></html>");
    Shot shot = screenshot(page, 400, 300);
    assertTrue(!problems(shot.log()).isEmpty(), () -> "a blocked fetch went unnoticed; log:\n" + shot.log());
  }

  record Shot(Path png, String log) {}

  /** Opens {@code page} in headless chromium with a fresh profile and no network, and takes a screenshot. */
  private Shot screenshot(Path page, int width, int height) throws IOException, InterruptedException {
    Path png = dir.resolve(page.getFileName() + ".png");
    Path log = dir.resolve(page.getFileName() + ".log");
    Path profile = Files.createTempDirectory(dir, "profile");
    List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox",
        "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
        "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=127.0.0.1:9", "--enable-logging=stderr",
        "--v=0", "--user-data-dir=" + profile, "--window-size=" + width + "," + height,
        "--screenshot=" + png, page.toUri().toString()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(90, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("chromium did not finish in 90 s; log:\n" + Files.readString(log));
    }
    String text = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), () -> "chromium failed; log:\n" + text);
    assertTrue(Files.size(png) > 0, () -> "no screenshot; log:\n" + text);
    return new Shot(png, text);
  }

  /** Console lines about loads the page could not make or was refused. */
  private static List<String> problems(String log) {
    return log.lines().filter(l -> l.contains("CONSOLE") || l.contains("Refused to") || l.contains("Failed to load")
        || l.contains("net::ERR_")).toList();
  }

  private static double inkFraction(BufferedImage image) {
    long ink = 0;
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        if (((rgb >> 16) & 0xff) < 235 || ((rgb >> 8) & 0xff) < 235 || (rgb & 0xff) < 235) ink++;
      }
    }
    return (double) ink / ((long) image.getWidth() * image.getHeight());
  }

  private static int distinctColours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) seen.add(image.getRGB(x, y) & 0xffffff);
    }
    return seen.size();
  }
}
