package org.sparknn.driver.train;

import org.sparknn.worker.EvalStats;

/**
 * Where an epoch stands after one of its rounds, for progress displays: round {@code round} of {@code rounds} done,
 * {@code steps} of {@code stepsPerEpoch} steps done (global steps in {@code sync = step}; in averaging modes, local
 * steps of the partition holding the most data), the training figures summed so far, and the wall time since the
 * epoch started.
 */
public record RoundProgress(int epoch, long round, long rounds, long steps, long stepsPerEpoch, EvalStats trained,
    long nanos) {

  public double samplesPerSecond() {
    return trained.samples() / Math.max(nanos / 1e9, 1e-9);
  }
}
