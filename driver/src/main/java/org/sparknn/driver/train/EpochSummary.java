package org.sparknn.driver.train;

import org.sparknn.worker.EvalStats;

/**
 * One epoch of distributed training: training-mode figures summed over the epoch's rounds, validation figures
 * (null without validation data), the wall time of the rounds, and how it splits: {@code computeSeconds} is the
 * partitions' forward/backward/local-update time divided by the partition count (they run in parallel),
 * {@code updateSeconds} the driver's optimizer or averaging step, and the rest ({@link #sparkSeconds}) is
 * communication: Spark scheduling, broadcast, serialization, aggregation and waiting. With streamed steps the driver
 * also times three parts of that rest itself: adding the partitions' sums ({@code aggregateSeconds}), sending the
 * new state to every task ({@code broadcastSeconds}), and turning arrays into bytes and back for the exchange
 * ({@code serializationSeconds}: the driver's, plus the tasks' divided by the partition count; 0 in memory). They
 * are NaN where Spark does them inside its jobs.
 */
public record EpochSummary(int epoch, EvalStats train, EvalStats validation, double seconds, long rounds,
    double computeSeconds, double updateSeconds, double aggregateSeconds, double broadcastSeconds,
    double serializationSeconds, Transport transport) {

  /** How the epoch's rounds reached the executors. */
  public enum Transport {
    /** sync = step: a Spark stage (for all epochs, or per epoch), steps exchanged with the driver's step server. */
    STREAMED_STEPS,
    /** sync = N: as streamed steps, each round of N local steps exchanged with the step server. */
    STREAMED_ROUNDS,
    /** sync = step with a Spark job per step (more partitions than task slots, or forced). */
    JOB_PER_STEP,
    /** averaging modes: a Spark job per round of N local steps. */
    JOB_PER_ROUND
  }

  /** An epoch whose exchange Spark did entirely (no separately timed aggregation or broadcast). */
  public EpochSummary(int epoch, EvalStats train, EvalStats validation, double seconds, long rounds,
      double computeSeconds, double updateSeconds) {
    this(epoch, train, validation, seconds, rounds, computeSeconds, updateSeconds, Double.NaN, Double.NaN,
        Double.NaN, Transport.JOB_PER_ROUND);
  }

  public double samplesPerSecond() {
    return train.samples() / Math.max(seconds, 1e-9);
  }

  public double sparkSeconds() {
    return Math.max(0, seconds - computeSeconds - updateSeconds);
  }

  /** The share of the epoch's wall time not spent computing or updating: communication and waiting. */
  public double communicationShare() {
    return seconds <= 0 ? 0 : sparkSeconds() / seconds;
  }
}
