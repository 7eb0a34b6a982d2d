package org.sparknn.spec;

/** What a block of the flat parameter (or buffer) vector holds. */
public enum ParamKind {
  WEIGHT,
  BIAS,
  GAMMA,
  BETA,
  RUNNING_MEAN,
  RUNNING_VAR
}
