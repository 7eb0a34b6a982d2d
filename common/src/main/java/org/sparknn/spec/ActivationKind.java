package org.sparknn.spec;

/** Element-wise (or, for softmax, row-wise) activation functions. */
public enum ActivationKind {
  /** max(0, x). */
  RELU,
  /** 1 / (1 + e^-x). */
  SIGMOID,
  /** tanh(x). */
  TANH,
  /** e^x_i / sum_j e^x_j over the features of one sample. */
  SOFTMAX;

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
