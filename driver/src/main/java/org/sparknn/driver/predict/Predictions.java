package org.sparknn.driver.predict;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparknn.data.Block;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Network;
import org.sparknn.worker.partition.NetworkCache;

/**
 * Per-sample predictions as CSV lines, one per sample, in the order of the blocks and their rows:
 * <ul>
 *   <li>softmax cross-entropy: the predicted class (argmax, the lowest index on ties), then the k class
 *       probabilities;</li>
 *   <li>sigmoid binary cross-entropy: the k predicted 0/1 labels (probability at least 0.5), then the k
 *       probabilities;</li>
 *   <li>mean squared error: the k raw outputs.</li>
 * </ul>
 * Numbers are written as {@link Float#toString} writes them (shortest text that reads back to the same float).
 */
public final class Predictions {
  static final int ROWS = 1024;

  private Predictions() {}

  /**
   * Writes the predictions for {@code data} as a Spark text output directory {@code output} (part files in data
   * order; the directory must not exist). Blocks must come in data order, partition by partition, as
   * {@link org.sparknn.driver.data.DataLoader} lays them out.
   */
  public static void write(JavaSparkContext sc, JavaRDD<Block> data, ModelSpec spec, ModelState state,
      String output) {
    Broadcast<ModelState> model = sc.broadcast(state);
    try {
      data.flatMap(b -> lines(NetworkCache.cpu(spec, ROWS), model.value(), b).iterator()).saveAsTextFile(output);
    } finally {
      model.destroy();
    }
  }

  /** The lines for one block, in row order. */
  public static List<String> lines(Network net, ModelState state, Block data) {
    ModelSpec spec = net.spec();
    int outputs = spec.outputSize();
    int chunk = net.maxRows();
    Block buffer = Block.allocate(chunk, data.features(), data.labelWidth());
    float[] out = new float[chunk * outputs];
    List<String> lines = new ArrayList<>(data.rows());
    StringBuilder line = new StringBuilder();
    for (int start = 0; start < data.rows(); start += chunk) {
      int rows = Math.min(chunk, data.rows() - start);
      net.predict(data.copyRowsInto(start, rows, buffer), state, out);
      for (int r = 0; r < rows; r++) {
        line.setLength(0);
        format(spec.loss(), out, r * outputs, outputs, line);
        lines.add(line.toString());
      }
    }
    return lines;
  }

  /** Appends the CSV line for the {@code outputs} values of one sample at {@code out[offset...]}. */
  public static void format(LossKind loss, float[] out, int offset, int outputs, StringBuilder line) {
    switch (loss) {
      case SOFTMAX_CROSS_ENTROPY -> {
        int predicted = 0;
        for (int c = 1; c < outputs; c++) if (out[offset + c] > out[offset + predicted]) predicted = c;
        line.append(predicted);
        for (int c = 0; c < outputs; c++) line.append(',').append(out[offset + c]);
      }
      case SIGMOID_BINARY_CROSS_ENTROPY -> {
        for (int c = 0; c < outputs; c++) line.append(c == 0 ? "" : ",").append(out[offset + c] >= 0.5f ? 1 : 0);
        for (int c = 0; c < outputs; c++) line.append(',').append(out[offset + c]);
      }
      case MEAN_SQUARED_ERROR -> {
        for (int c = 0; c < outputs; c++) line.append(c == 0 ? "" : ",").append(out[offset + c]);
      }
    }
  }
}
