package org.sparknn.driver.report;

import java.io.PrintStream;
import java.util.Locale;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.sparknn.driver.train.EpochSummary;
import org.sparknn.driver.train.RoundProgress;
import org.sparknn.driver.train.TrainJob;
import org.sparknn.io.EpochCursor;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;

/**
 * A progress bar per epoch (steps done, running training loss, samples/s, elapsed and time left), drawn by the
 * progressbar library on one redrawn line, in front of another {@link TrainJob.EpochListener} that prints the epoch
 * line and records the epoch. Without a bar ({@link ProgressMode#LINES}) it only passes events on. Close it after
 * training so that a bar left open by a failed epoch ends its line before the error is printed.
 */
public final class ConsoleProgress implements TrainJob.EpochListener, AutoCloseable {
  private final TrainJob.EpochListener next;
  private final PrintStream out;
  private final int epochs;
  private final boolean bar;
  private final int width;
  private ProgressBar current;
  private LineEndingConsumer currentLine;

  /** {@code mode} AUTO is resolved here; the bar goes to {@code out}, as wide as the terminal. */
  public ConsoleProgress(ProgressMode mode, int epochs, PrintStream out, TrainJob.EpochListener next) {
    this(mode, epochs, out, next, 0);
  }

  /** With the bar's line {@code width} characters long at most (0: the terminal's width). */
  ConsoleProgress(ProgressMode mode, int epochs, PrintStream out, TrainJob.EpochListener next, int width) {
    this.next = next;
    this.out = out;
    this.epochs = epochs;
    this.bar = mode.resolve() == ProgressMode.BAR;
    this.width = width;
  }

  @Override
  public void onEpochStart(int epoch, long stepsPerEpoch) {
    next.onEpochStart(epoch, stepsPerEpoch);
    if (!bar) return;
    close();
    currentLine = new LineEndingConsumer(
        width > 0 ? new ConsoleProgressBarConsumer(out, width) : new ConsoleProgressBarConsumer(out));
    current = new ProgressBarBuilder()
        .setTaskName("epoch " + epoch + "/" + epochs)
        .setInitialMax(stepsPerEpoch)
        .setStyle(ProgressBarStyle.UNICODE_BLOCK)
        .setConsumer(currentLine)
        .setUpdateIntervalMillis(500)
        .build();
  }

  @Override
  public void onRound(RoundProgress p) {
    next.onRound(p);
    if (current == null) return;
    current.stepTo(p.steps());
    current.setExtraMessage(String.format(Locale.ROOT, "loss %.4f, %,.0f samples/s",
        p.trained().meanLoss(), p.samplesPerSecond()));
  }

  @Override
  public void onEpoch(EpochSummary summary, ModelState state, OptState optState) {
    close(); // the bar's last frame stays on screen; the epoch line follows it
    next.onEpoch(summary, state, optState);
  }

  @Override
  public void onMidEpoch(int epoch, long globalStep, EpochCursor cursor, ModelState state, OptState optState) {
    next.onMidEpoch(epoch, globalStep, cursor, state, optState); // a mid-epoch checkpoint: nothing to draw
  }

  @Override
  public void onStepHash(int epoch, long step, ModelState state) {
    next.onStepHash(epoch, step, state);
  }

  /** Ends the open bar, if any (its final frame, then a line break). */
  @Override
  public void close() {
    if (current == null) return;
    current.close();
    currentLine.end(); // progressbar skips this when its refresh task never ran before close (a busy machine)
    current = null;
    currentLine = null;
    out.flush();
  }

  /** Passes frames on and ends the bar's line exactly once, whoever asks first. */
  private static final class LineEndingConsumer implements ProgressBarConsumer {
    private final ProgressBarConsumer console;
    private boolean ended;

    LineEndingConsumer(ProgressBarConsumer console) {
      this.console = console;
    }

    @Override
    public int getMaxRenderedLength() {
      return console.getMaxRenderedLength();
    }

    @Override
    public synchronized void accept(String frame) {
      if (!ended) console.accept(frame);
    }

    @Override
    public void close() {
      end();
    }

    synchronized void end() {
      if (ended) return;
      ended = true;
      console.close();
    }
  }
}
