package org.sparknn.worker.train;

import org.sparknn.data.Block;
import org.sparknn.spec.LossKind;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Network;

/** Confusion counts of a classifier (softmax cross-entropy models): true class by predicted class (argmax). */
public final class ConfusionMatrix {
  private ConfusionMatrix() {}

  /** Row-major {@code classes x classes} counts: entry (t, p) at {@code t * classes + p}. */
  public static long[] of(Network net, ModelState state, Block data, int classes) {
    if (net.spec().loss() != LossKind.SOFTMAX_CROSS_ENTROPY || net.spec().outputSize() != classes) {
      throw new IllegalArgumentException("a confusion matrix needs a softmax classifier with " + classes + " outputs");
    }
    long[] counts = new long[classes * classes];
    int chunk = net.maxRows();
    Block buffer = Block.allocate(chunk, data.features(), data.labelWidth());
    float[] out = new float[chunk * classes];
    for (int start = 0; start < data.rows(); start += chunk) {
      int rows = Math.min(chunk, data.rows() - start);
      net.predict(data.copyRowsInto(start, rows, buffer), state, out);
      for (int r = 0; r < rows; r++) {
        int predicted = 0;
        for (int c = 1; c < classes; c++) if (out[r * classes + c] > out[r * classes + predicted]) predicted = c;
        counts[(int) buffer.y()[r] * classes + predicted]++;
      }
    }
    return counts;
  }
}
