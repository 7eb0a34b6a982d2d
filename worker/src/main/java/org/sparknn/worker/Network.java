package org.sparknn.worker;

import org.sparknn.data.Block;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;

/**
 * One model compiled for one backend, with buffers for up to {@link #maxRows()} samples. Not thread-safe: use one
 * per thread. Parameters and buffers are passed in on every call, so the same network serves any model state.
 */
public interface Network extends AutoCloseable {
  ModelSpec spec();

  int maxRows();

  /**
   * Forward and backward in training mode. Overwrites {@code grads} (length = parameter count) with the gradient of
   * the SUM of the batch's per-sample losses, updates batch-norm running statistics in {@code state.buffers()},
   * and returns that loss sum with the training-mode accuracy counts. Callers divide the gradient by the sample
   * count (or by the global batch in data-parallel steps).
   */
  EvalStats trainStep(Block batch, ModelState state, float[] grads, StepContext ctx);

  /** Inference-mode loss sum and accuracy counts over the batch. */
  EvalStats evaluate(Block batch, ModelState state);

  /**
   * Inference-mode predictions, {@code rows x outputs} into {@code out}: class probabilities for softmax
   * cross-entropy, per-output probabilities for sigmoid cross-entropy, raw outputs for squared error.
   */
  void predict(Block batch, ModelState state, float[] out);

  /**
   * The update rule for {@code spec} as this network's device runs it (the CPU optimizer by default; a device
   * keeps the update next to its buffers). Like the network, one per thread.
   */
  default org.sparknn.optim.Optimizer optimizer(org.sparknn.optim.OptimizerSpec spec) {
    return spec.create();
  }

  @Override
  default void close() {}
}
