package org.sparknn.worker.cpu;

import java.util.List;
import org.sparknn.tensor.Slice;

/**
 * One layer's forward and backward on the CPU over {@code rows} samples stored row-major. A layer knows its input
 * and output widths and its slices of the flat vectors; scratch it needs between forward and backward (masks,
 * argmax indices, normalized values) it allocates once for the network's maximum row count.
 */
interface CpuLayer {
  /** Writes rows x outWidth outputs from rows x inWidth inputs. */
  void forward(float[] in, float[] out, int rows, LayerContext ctx);

  /**
   * Given dLoss/dOut, ADDS this layer's parameter gradients into {@code ctx.grads()} (except the slices of
   * {@link #writtenGradients()}, which it overwrites) and, when {@code dIn} is not null, WRITES dLoss/dIn.
   * {@code in} and {@code out} are the values of the preceding forward call.
   */
  void backward(float[] in, float[] out, float[] dOut, float[] dIn, int rows, LayerContext ctx);

  /**
   * Gradient slices that {@link #backward} overwrites rather than adds to; none unless a layer says so. The network
   * zeroes only the rest of the gradient vector before a step (zeroing B2's 1.9M values took as long as its Adam).
   */
  default List<Slice> writtenGradients() {
    return List.of();
  }
}
