package org.sparknn.worker.partition;

import org.sparknn.worker.EvalStats;

/**
 * What partitions send to the parameter server for one round; contributions add up element-wise.
 * <ul>
 *   <li>{@code sum}: the gradient of the summed loss (gradient rounds), or parameters x samples (averaging).</li>
 *   <li>{@code optSlots}: optimizer slots x samples (averaging only; empty otherwise).</li>
 *   <li>{@code buffers}: batch-norm running statistics x samples.</li>
 *   <li>{@code samples}: samples trained on; the weight of everything above.</li>
 *   <li>{@code stats}: training-mode loss and accuracy sums; {@code optStep}: the largest optimizer step reached.</li>
 *   <li>{@code computeNanos}: time spent in forward, backward and local updates, summed over partitions.</li>
 * </ul>
 */
public record Contribution(float[] sum, float[] optSlots, float[] buffers, long samples, EvalStats stats,
    long optStep, long computeNanos) {

  /** Adds {@code other} into this contribution's arrays (reused to avoid allocation) and returns the total. */
  public Contribution plus(Contribution other) {
    if (other.samples == 0) return this;
    if (samples == 0) return other;
    add(sum, other.sum);
    add(optSlots, other.optSlots);
    add(buffers, other.buffers);
    return new Contribution(sum, optSlots, buffers, samples + other.samples, stats.plus(other.stats),
        Math.max(optStep, other.optStep), computeNanos + other.computeNanos);
  }

  public static Contribution empty() {
    return new Contribution(new float[0], new float[0], new float[0], 0, EvalStats.EMPTY, 0, 0);
  }

  private static void add(float[] into, float[] from) {
    if (into.length != from.length) {
      throw new IllegalArgumentException("contributions of different sizes: " + into.length + " and " + from.length);
    }
    for (int i = 0; i < into.length; i++) into[i] += from[i];
  }
}
