package org.sparknn.worker.train;

import org.sparknn.worker.EvalStats;

/**
 * One epoch's figures: training-mode loss and accuracy accumulated over its steps, validation figures in inference
 * mode (null when there is no validation data), and the wall time of the training steps alone.
 */
public record EpochReport(int epoch, long steps, EvalStats train, EvalStats validation, double trainSeconds) {
  public double samplesPerSecond() {
    return train.samples() / Math.max(trainSeconds, 1e-9);
  }
}
