package org.sparknn.driver.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
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

  /**
   * progressbar draws from one shared thread; when that thread is busy until after close (a loaded machine), the bar's
   * periodic task never runs and the library itself never ends the line. Holding the thread with another bar makes
   * that happen every time.
   */
  @Test
  void aBarClosedBeforeItsFirstRefreshStillEndsItsLine() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ProgressBar blocker = new ProgressBarBuilder().setTaskName("blocker").setInitialMax(1)
        .setConsumer(new DelegatingProgressBarConsumer(frame -> {
          entered.countDown();
          try {
            release.await(10, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }))
        .build();
    assertTrue(entered.await(10, TimeUnit.SECONDS), "the blocker holds progressbar's thread");
    Thread releaser = new Thread(() -> {
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      release.countDown();
    });
    releaser.start();
    try (ConsoleProgress progress = new ConsoleProgress(ProgressMode.BAR, 3, out, next, 120)) {
      epoch(progress, 2, 30);
    }
    releaser.join();
    blocker.close();
    String text = bytes.toString(StandardCharsets.UTF_8);
    String last = text.substring(text.lastIndexOf('\r') + 1);
    assertTrue(last.startsWith("epoch 2/3  30%"), text);
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
