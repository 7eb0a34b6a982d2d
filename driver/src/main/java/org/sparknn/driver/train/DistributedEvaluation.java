package org.sparknn.driver.train;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparknn.data.Block;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.NetworkCache;
import org.sparknn.worker.train.ConfusionMatrix;
import org.sparknn.worker.train.Evaluation;

/** Inference-mode loss, accuracy and confusion counts over a distributed data set, in one Spark job each. */
public final class DistributedEvaluation {
  static final int EVAL_ROWS = 1024;
  /** Activation floats one evaluation network may hold per layer set (16 MiB); see {@link #evalRows}. */
  static final int EVAL_FLOATS = 1 << 22;

  private DistributedEvaluation() {}

  public static EvalStats stats(JavaSparkContext sc, JavaRDD<Block> data, ModelSpec spec, ModelState state) {
    Broadcast<ModelState> model = sc.broadcast(state);
    try {
      int rows = evalRows(spec);
      return data.map(b -> Evaluation.of(NetworkCache.cpu(spec, rows), model.value(), b))
          .fold(EvalStats.EMPTY, EvalStats::plus);
    } finally {
      model.destroy();
    }
  }

  /**
   * Rows an evaluation network takes at once: {@link #EVAL_ROWS}, fewer when a row's activations (the input and every
   * layer's output) are large, so that each of its activation and gradient sets stays within {@link #EVAL_FLOATS}.
   * Every task thread keeps its network for the rest of the run: with 1,024 rows the CNN of B3 (39,290 floats a
   * row) holds about 600 MiB per thread (activations, gradients, im2col buffers; computed) and ran out of a 1 GiB
   * heap in test evaluation; MLPs (a few thousand floats a row) keep 1,024.
   */
  public static int evalRows(ModelSpec spec) {
    long perRow = 0;
    for (org.sparknn.spec.Shape shape : spec.shapes()) perRow += shape.size();
    return (int) Math.max(1, Math.min(EVAL_ROWS, EVAL_FLOATS / perRow));
  }

  /** Row-major classes x classes counts: entry (true t, predicted p) at t * classes + p. */
  public static long[] confusion(JavaSparkContext sc, JavaRDD<Block> data, ModelSpec spec, ModelState state, int classes) {
    Broadcast<ModelState> model = sc.broadcast(state);
    try {
      int rows = evalRows(spec);
      return data.map(b -> ConfusionMatrix.of(NetworkCache.cpu(spec, rows), model.value(), b, classes))
          .fold(new long[classes * classes], DistributedEvaluation::add);
    } finally {
      model.destroy();
    }
  }

  private static long[] add(long[] a, long[] b) {
    long[] out = a.clone();
    for (int i = 0; i < out.length; i++) out[i] += b[i];
    return out;
  }

}
