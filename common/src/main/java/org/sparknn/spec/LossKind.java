package org.sparknn.spec;

/**
 * Losses, all averaged over samples by the trainer. Each takes the last layer's raw output.
 * <ul>
 *   <li>{@link #SOFTMAX_CROSS_ENTROPY}: label = class index; loss = -log softmax(z)_label (softmax fused in).</li>
 *   <li>{@link #SIGMOID_BINARY_CROSS_ENTROPY}: one 0/1 target per output; loss = sum_j -[t log s(z_j) + (1-t) log(1-s(z_j))].</li>
 *   <li>{@link #MEAN_SQUARED_ERROR}: one target per output; loss = (1/k) sum_j (z_j - t_j)^2.</li>
 * </ul>
 */
public enum LossKind {
  SOFTMAX_CROSS_ENTROPY,
  SIGMOID_BINARY_CROSS_ENTROPY,
  MEAN_SQUARED_ERROR;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Floats of label per sample for a model whose output has {@code outputs} values. */
  public int labelWidth(int outputs) {
    return this == SOFTMAX_CROSS_ENTROPY ? 1 : outputs;
  }
}
