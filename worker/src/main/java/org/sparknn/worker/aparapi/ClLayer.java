package org.sparknn.worker.aparapi;

import org.sparknn.worker.StepContext;

/**
 * One layer on an OpenCL device. Its input, output and delta arrays are fixed when it is built (Aparapi binds a
 * kernel to its arrays); the host copies of those arrays are the hand-over point between layers, because every
 * Aparapi kernel has its own OpenCL context. Parameters are copied into the layer's own arrays by {@link #load},
 * gradients out of its own arrays by {@link #storeGrads}.
 */
interface ClLayer extends AutoCloseable {
  /** Copies this layer's parameter and buffer slices in; {@code generation} identifies this parameter set. */
  default void load(float[] params, float[] buffers, long generation) {}

  void forward(int rows, boolean training, StepContext step);

  /** Writes the layer's parameter gradients (into its own arrays) and, when it has one, dLoss/dInput. */
  void backward(int rows);

  /** Copies the last backward's parameter gradients into their slices of the flat vector. */
  default void storeGrads(float[] grads) {}

  /** Copies updated buffers (batch-norm running statistics) into their slices of the flat vector. */
  default void storeBuffers(float[] buffers) {}

  @Override
  void close();
}
