package org.sparknn.driver.train;

/**
 * A run whose training loss or parameters became NaN or infinite. Thrown by {@link TrainJob} right after the
 * round that diverged, before anything of that epoch (checkpoint, metrics, model) is written, so the newest
 * checkpoint is the last good one. The message names the epoch (1-based) and the step or round.
 */
public final class DivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int epoch;

  DivergedException(int epoch, String message) {
    super(message);
    this.epoch = epoch;
  }

  /** The epoch (1-based) that diverged. */
  public int epoch() {
    return epoch;
  }
}
