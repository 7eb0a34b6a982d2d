package org.sparknn.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sparknn.driver.train.EpochSummary;
import org.sparknn.driver.train.RoundProgress;
import org.sparknn.driver.train.TrainJob;
import org.sparknn.worker.EvalStats;

/** The progress bar drawn by the progressbar library into a captured stream, and events passed on either way. */
class ConsoleProgressTest {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final List<String> events = new ArrayList<>();
  private final TrainJob.EpochListener next = new TrainJob.EpochListener() {
    @Override
    public void onEpoch(EpochSummary s, org.sparknn.tensor.ModelState st, org.sparknn.optim.OptState o) {
      events.add("epoch " + s.epoch());
    }

    @Override
    public void onRound(RoundProgress p) {
      events.add("round " + p.round());
    }
  };

  /** 100 steps of 64 samples, 10 ms each, loss 0.5 per sample. */
  private static void epoch(ConsoleProgress progress, int epoch, int steps) {
    progress.onEpochStart(epoch, 100);
    for (int r = 1; r <= steps; r++) {
      EvalStats trained = new EvalStats(0.5 * 64 * r, 64L * r, 50L * r, 64L * r);
      progress.onRound(new RoundProgress(epoch, r, 100, r, 100, trained, r * 10_000_000L));
    }
  }

  @Test
  void barShowsStepsRunningLossAndSpeedThenPassesTheEpochOn() {
    try (ConsoleProgress progress = new ConsoleProgress(ProgressMode.BAR, 3, out, next, 120)) {
      epoch(progress, 1, 100);
      progress.onEpoch(new EpochSummary(1, new EvalStats(3200, 6400, 5000, 6400), null, 1.0, 100, 0.5, 0.1),
          null, null);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String last = text.substring(text.lastIndexOf('\r') + 1);
    assertTrue(last.startsWith("epoch 1/3 100%"), text);
    assertTrue(last.contains("100/100"), last);
    assertTrue(last.contains("loss 0.5000"), last);
    assertTrue(last.contains("6,400 samples/s"), last);
    assertTrue(last.contains("████"), "a bar: " + last);
    assertTrue(last.endsWith(System.lineSeparator()), "the bar's line is ended: " + last);
    assertEquals(101, events.size());
    assertEquals("epoch 1", events.get(100));
  }

  @Test
  void aBarLeftOpenByAFailedEpochIsEndedOnClose() {
    try (ConsoleProgress progress = new ConsoleProgress(ProgressMode.BAR, 3, out, next, 120)) {
      epoch(progress, 2, 30);
    }
    String text = bytes.toString(StandardCharsets.UTF_8);
    String last = text.substring(text.lastIndexOf('\r') + 1);
    assertTrue(last.startsWith("epoch 2/3  30%"), text);
    assertTrue(last.contains("30/100"), last);
    assertTrue(last.endsWith(System.lineSeparator()), last);
  }

  @Test
  void linesModeDrawsNothingAndPassesEverythingOn() {
    try (ConsoleProgress progress = new ConsoleProgress(ProgressMode.LINES, 3, out, next)) {
      epoch(progress, 1, 5);
      progress.onEpoch(new EpochSummary(1, new EvalStats(1, 1, 1, 1), null, 1.0, 5, 0.5, 0.1), null, null);
    }
    assertEquals("", bytes.toString(StandardCharsets.UTF_8));
    assertEquals(List.of("round 1", "round 2", "round 3", "round 4", "round 5", "epoch 1"), events);
  }
}
