package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Shared fixture and comparison for the golden optimizer tests: three updates of a three-value vector, compared
 * with a double-precision transcription of PyTorch's formula written out in each test.
 *
 * <p>Tolerance: 1e-6 of max(|expected|, scale). The optimizers work in float (unit roundoff 2^-24, about 6e-8);
 * three updates of about a dozen float operations each round a few dozen times, which keeps results within a few
 * 1e-7 of the double reference, relative to the size of the terms that were added. Where terms of opposite sign
 * cancel (a momentum buffer whose gradient changed sign) the result is small but its error is still relative to
 * the terms, hence {@code scale}: {@link #ORDER_ONE} for values built from the fixture's order-one parameters and
 * gradients, {@link #NO_CANCELLATION} for sums of squares, which are compared purely relatively. The fixtures use
 * learning rates large enough that each update moves a parameter by 1% to 10%, so a formula error (a missing bias
 * correction, a wrong first momentum step, coupled instead of decoupled decay) moves results by 1e-3 or more and
 * cannot hide under the tolerance. Hyperparameters reach the reference as the same float values widened to double
 * (0.999f is 0.99900001287..., so 1 - beta2 differs from 0.001 by 1.3e-5 relative): the spec stores floats, and
 * the test checks the arithmetic, not decimal rounding.
 */
final class Golden {
  static final double RELATIVE = 1e-6;
  /** Scale for values made by adding terms of order one that may cancel (parameters, momenta). */
  static final double ORDER_ONE = 1.0;
  /** Scale for sums of non-negative terms, which cannot cancel: a purely relative comparison. */
  static final double NO_CANCELLATION = 0.0;

  /** Parameters before the first update. */
  static final float[] START = {1.0f, -0.5f, 2.0f};

  /** Gradients of updates 1, 2 and 3: mixed signs, a sign change, a zero. */
  static final float[][] GRADS = {
      {0.5f, -1.0f, 0.25f},
      {-0.3f, 0.8f, 0.0f},
      {0.1f, 0.2f, -0.6f},
  };

  private Golden() {}

  /** Runs {@link #GRADS} through a fresh optimizer from {@link #START}; returns the state, params in {@code out}. */
  static OptState run(Optimizer optimizer, float[] out) {
    System.arraycopy(START, 0, out, 0, START.length);
    OptState state = optimizer.init(out.length);
    for (float[] g : GRADS) {
      optimizer.update(out, g, state);
    }
    return state;
  }

  /** {@link #START} widened to double, for references to update. */
  static double[] start() {
    double[] p = new double[START.length];
    for (int i = 0; i < p.length; i++) p[i] = START[i];
    return p;
  }

  /** Fails unless every {@code actual[offset + i]} is within RELATIVE * max(|expected[i]|, scale) of it. */
  static void assertClose(String what, double[] expected, float[] actual, int offset, double scale) {
    for (int i = 0; i < expected.length; i++) {
      double a = actual[offset + i];
      double e = expected[i];
      if (!(Math.abs(a - e) <= RELATIVE * Math.max(Math.abs(e), Math.max(scale, Float.MIN_NORMAL)))) {
        fail(what + "[" + i + "]: expected " + e + ", got " + a + " (relative error " + Math.abs(a - e) / Math.abs(e) + ")");
      }
    }
  }

  /** The whole of {@code actual} against {@code expected}. */
  static void assertClose(String what, double[] expected, float[] actual, double scale) {
    if (expected.length != actual.length) fail(what + ": expected " + expected.length + " values, got " + actual.length);
    assertClose(what, expected, actual, 0, scale);
  }
}
