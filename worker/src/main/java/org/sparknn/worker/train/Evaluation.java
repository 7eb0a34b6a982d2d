package org.sparknn.worker.train;

import org.sparknn.data.Block;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Network;

/** Inference-mode loss and accuracy of a model over a whole data set, in chunks the network can take. */
public final class Evaluation {
  private Evaluation() {}

  public static EvalStats of(Network net, ModelState state, Block data) {
    int chunk = net.maxRows();
    Block buffer = Block.allocate(chunk, data.features(), data.labelWidth());
    EvalStats total = EvalStats.EMPTY;
    for (int start = 0; start < data.rows(); start += chunk) {
      int rows = Math.min(chunk, data.rows() - start);
      total = total.plus(net.evaluate(data.copyRowsInto(start, rows, buffer), state));
    }
    return total;
  }
}
