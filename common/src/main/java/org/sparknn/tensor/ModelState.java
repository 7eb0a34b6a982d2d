package org.sparknn.tensor;

/**
 * The mutable numbers of a model: trainable parameters and non-trainable buffers (batch-norm running statistics),
 * each one flat vector laid out by {@link ParamLayout}.
 */
public record ModelState(float[] params, float[] buffers) {
  public ModelState {
    if (params == null || buffers == null) throw new IllegalArgumentException("params and buffers must not be null");
  }

  public ModelState copy() {
    return new ModelState(params.clone(), buffers.clone());
  }
}
