package org.sparknn.driver.train;

import org.sparknn.worker.EvalStats;

/**
 * One epoch of distributed training: training-mode figures summed over the epoch's rounds, validation figures
 * (null without validation data), the wall time of the rounds, and how it splits: {@code computeSeconds} is the
 * partitions' forward/backward/local-update time divided by the partition count (they run in parallel),
 * {@code updateSeconds} the driver's optimizer or averaging step, and the rest is Spark: scheduling, broadcast,
 * serialization and the tree aggregation.
 */
public record EpochSummary(int epoch, EvalStats train, EvalStats validation, double seconds, long rounds,
    double computeSeconds, double updateSeconds) {

  public double samplesPerSecond() {
    return train.samples() / Math.max(seconds, 1e-9);
  }

  public double sparkSeconds() {
    return Math.max(0, seconds - computeSeconds - updateSeconds);
  }
}
