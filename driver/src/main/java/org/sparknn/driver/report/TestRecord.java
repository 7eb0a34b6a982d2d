package org.sparknn.driver.report;

/**
 * The {@code test} event of metrics.jsonl: inference-mode loss and accuracy on the test set, its size (-1 when the
 * file does not say), and the confusion matrix (rows: true class, columns: predicted), null for a model that is not
 * a softmax classifier.
 */
public record TestRecord(double loss, double accuracy, long samples, long[][] confusion) {}
