package org.sparknn.optim;

import org.sparknn.simd.Finite;
import org.sparknn.simd.VectorSupport;

/**
 * Gets the parameter server's SIMD loops compiled before training needs them. Vector API code runs 50-100 times
 * slower until C2 compiles it (the interpreter and C1 make an object of every vector), and a run's first few hundred
 * updates paid that: B1's first epoch spent 0.5-0.9 s in the update instead of 0.2 s. A daemon thread calling the
 * loops on small arrays gets them compiled (about 0.5 s of one core) while the driver loads the data.
 */
public final class VectorWarmUp {
  private static final int SIZE = 4_096 + 5; // the scalar tail runs too, so compiled code has no trap for it
  private static final int CALLS = 2_000;

  private VectorWarmUp() {}

  /** Starts the warm-up in the background; does nothing where the SIMD loops are off. */
  public static void start() {
    if (!VectorSupport.ENABLED) return;
    Thread t = new Thread(VectorWarmUp::run, "sparknn-simd-warm-up");
    t.setDaemon(true);
    t.start();
  }

  static void run() {
    float[] p = new float[SIZE];
    float[] g = new float[SIZE];
    float[] m = new float[SIZE];
    float[] v = new float[SIZE];
    for (int i = 0; i < SIZE; i++) g[i] = (i % 7 - 3) * 1e-3f;
    AdamOptimizer.Coefficients c = new AdamOptimizer.Coefficients(1e-3f, 1f, 0.9f, 0.999f, 1e-8f, 0f, 1f, 1f);
    for (int k = 0; k < CALLS; k++) {
      if (!AdamVectorStep.step(p, g, m, v, 0, SIZE, c) || !Finite.all(p)) {
        throw new IllegalStateException("SIMD warm-up: a finite update came out non-finite");
      }
    }
  }
}
