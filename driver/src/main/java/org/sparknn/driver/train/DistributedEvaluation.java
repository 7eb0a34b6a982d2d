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

  private DistributedEvaluation() {}

  public static EvalStats stats(JavaSparkContext sc, JavaRDD<Block> data, ModelSpec spec, ModelState state) {
    Broadcast<ModelState> model = sc.broadcast(state);
    try {
      return data.map(b -> Evaluation.of(NetworkCache.cpu(spec, EVAL_ROWS), model.value(), b))
          .fold(EvalStats.EMPTY, EvalStats::plus);
    } finally {
      model.destroy();
    }
  }

  /** Row-major classes x classes counts: entry (true t, predicted p) at t * classes + p. */
  public static long[] confusion(JavaSparkContext sc, JavaRDD<Block> data, ModelSpec spec, ModelState state, int classes) {
    Broadcast<ModelState> model = sc.broadcast(state);
    try {
      return data.map(b -> ConfusionMatrix.of(NetworkCache.cpu(spec, EVAL_ROWS), model.value(), b, classes))
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
