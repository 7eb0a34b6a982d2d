package org.sparknn.config;

import org.sparknn.spec.Require;

/**
 * How long and in what order to train: {@code epochs} passes, mini-batches of {@code batchSize} samples (the last
 * batch of an epoch may be shorter), samples reshuffled every epoch from {@code seed} when {@code shuffle} is on.
 */
public record TrainSettings(int epochs, int batchSize, long seed, boolean shuffle) {
  public TrainSettings {
    Require.positive("training.epochs", epochs);
    Require.positive("training.batch_size", batchSize);
  }
}
