package org.sparknn.driver.report;

/**
 * One {@code epoch} event of metrics.jsonl. Figures a run did not record are NaN: validation without a validation
 * split, accuracy for regression, the time split in files from before it was recorded.
 */
public record EpochRecord(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy,
    double samplesPerSecond, double seconds, long rounds, double computeSeconds, double sparkSeconds,
    double updateSeconds) {}
