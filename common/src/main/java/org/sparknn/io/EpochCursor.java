package org.sparknn.io;

/**
 * Where inside an epoch a checkpoint was taken: the synchronisation rounds done, and the training-loss and accuracy
 * sums of those rounds (so the epoch's metrics line after a resume is the one an uninterrupted run writes). Nothing
 * else is needed to continue exactly: every random choice is keyed by seed, epoch, step and sample, so the round
 * cursor also fixes the positions of the random streams and of the data order.
 */
public record EpochCursor(long roundsDone, double lossSum, long samples, long correct, long judged) {
  public static final EpochCursor START = new EpochCursor(0, 0, 0, 0, 0);

  public EpochCursor {
    if (roundsDone < 0 || samples < 0 || correct < 0 || judged < 0) {
      throw new IllegalArgumentException("negative epoch cursor " + roundsDone + ", " + samples + ", " + correct
          + ", " + judged);
    }
  }

  public boolean atStart() {
    return roundsDone == 0;
  }
}
