package org.sparknn.worker;

/**
 * Where a training step sits, for the random choices made inside it (dropout masks). Row r of the block is row
 * {@code rowBase + r} of the step's global batch, so a global batch split across partitions draws the same masks
 * as the whole batch in one process.
 */
public record StepContext(long seed, long epoch, long step, long rowBase) {
  public static StepContext of(long seed, long epoch, long step) {
    return new StepContext(seed, epoch, step, 0);
  }

  public StepContext withRowBase(long newRowBase) {
    return new StepContext(seed, epoch, step, newRowBase);
  }
}
