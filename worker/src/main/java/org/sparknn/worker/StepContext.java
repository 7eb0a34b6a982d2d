package org.sparknn.worker;

/**
 * Where a training step sits, for the random choices made inside it. {@code sampleIds[r]} is the global index of
 * the block's row r: dropout masks are keyed by (seed, epoch, layer, sample), so a sample gets the same mask
 * wherever, and in whichever sub-batch, it is computed. Without ids (null), row r counts as sample r.
 */
public record StepContext(long seed, long epoch, long step, long[] sampleIds) {
  public static StepContext of(long seed, long epoch, long step) {
    return new StepContext(seed, epoch, step, null);
  }

  /** Global index of row {@code r}. */
  public long sampleId(int r) {
    return sampleIds == null ? r : sampleIds[r];
  }
}
