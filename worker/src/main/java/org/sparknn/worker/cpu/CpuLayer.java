package org.sparknn.worker.cpu;

/**
 * One layer's forward and backward on the CPU over {@code rows} samples stored row-major. A layer knows its input
 * and output widths and its slices of the flat vectors; scratch it needs between forward and backward (masks,
 * argmax indices, normalized values) it allocates once for the network's maximum row count.
 */
interface CpuLayer {
  /** Writes rows x outWidth outputs from rows x inWidth inputs. */
  void forward(float[] in, float[] out, int rows, LayerContext ctx);

  /**
   * Given dLoss/dOut, ADDS this layer's parameter gradients into {@code ctx.grads()} and, when {@code dIn} is not
   * null, WRITES dLoss/dIn. {@code in} and {@code out} are the values of the preceding forward call.
   */
  void backward(float[] in, float[] out, float[] dOut, float[] dIn, int rows, LayerContext ctx);
}
