package org.sparknn.driver.predict;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sparknn.data.Block;
import org.sparknn.driver.train.DistributedEvaluation;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;

/**
 * A model's inference-mode figures on a data set: loss and accuracy, and for softmax classifiers the confusion
 * matrix (rows: true class, columns: predicted), each computed by {@link DistributedEvaluation}; rendered as the
 * lines {@code train} prints for its test set and as the fields of its metrics.jsonl {@code test} event.
 */
public record EvaluationReport(EvalStats stats, long[][] confusion) {
  public EvaluationReport {
    if (stats == null) throw new IllegalArgumentException("evaluation figures are required");
  }

  /** Evaluates {@code state} on {@code data} (two Spark jobs for a classifier, one otherwise). */
  public static EvaluationReport of(JavaSparkContext sc, JavaRDD<Block> data, ModelSpec spec, ModelState state) {
    EvalStats stats = DistributedEvaluation.stats(sc, data, spec, state);
    if (spec.loss() != LossKind.SOFTMAX_CROSS_ENTROPY) return new EvaluationReport(stats, null);
    int classes = spec.outputSize();
    long[] counts = DistributedEvaluation.confusion(sc, data, spec, state, classes);
    long[][] rows = new long[classes][];
    for (int t = 0; t < classes; t++) rows[t] = Arrays.copyOfRange(counts, t * classes, (t + 1) * classes);
    return new EvaluationReport(stats, rows);
  }

  /**
   * {@code "<label>: loss L accuracy A (N samples)"}, then the confusion matrix table when there is one; no final
   * line break.
   */
  public String render(String label) {
    String line = String.format("%s: loss %.4f accuracy %.4f (%,d samples)", label, stats.meanLoss(),
        stats.accuracy(), stats.samples());
    return confusion == null ? line : line + System.lineSeparator() + confusionTable(confusion);
  }

  /** {@code <prefix>_loss}, {@code <prefix>_accuracy}, {@code <prefix>_samples} and {@code confusion_matrix}. */
  public Map<String, Object> fields(String prefix) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put(prefix + "_loss", stats.meanLoss());
    fields.put(prefix + "_accuracy", stats.accuracy());
    fields.put(prefix + "_samples", stats.samples());
    if (confusion != null) fields.put("confusion_matrix", confusion);
    return fields;
  }

  /** A confusion matrix as a text table: rows are true classes, columns predicted classes. */
  public static String confusionTable(long[][] rows) {
    StringBuilder b = new StringBuilder("confusion matrix (rows: true class, columns: predicted)\n      ");
    for (int c = 0; c < rows.length; c++) b.append(String.format("%6d", c));
    for (int t = 0; t < rows.length; t++) {
      b.append(String.format("%n%6d", t));
      for (long v : rows[t]) b.append(String.format("%6d", v));
    }
    return b.toString();
  }
}
