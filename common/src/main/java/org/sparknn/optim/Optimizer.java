package org.sparknn.optim;

import org.sparknn.simd.Finite;

/**
 * An optimizer's update rule; its configuration is an {@link OptimizerSpec}, its mutable state an {@link OptState}.
 * Call order: {@link #init(int)} once for a parameter vector of that size, then {@link #update} once per step with
 * the gradient of the mean loss. Implementations hold no per-run state of their own, so one instance may serve
 * many threads, each with its own {@link OptState}.
 */
public interface Optimizer {
  /** The configuration this optimizer applies. */
  OptimizerSpec spec();

  /** Fresh state (step 0, slots zero or as the method requires) for {@code size} parameters. */
  OptState init(int size);

  /**
   * One step: updates {@code params} in place from {@code grads} (which it may not modify), advances
   * {@code state.step()} by one, and uses the learning rate the schedule gives for the step being taken.
   */
  void update(float[] params, float[] grads, OptState state);

  /**
   * {@link #update} with the gradient {@code gradScale * grads} (a summed gradient and 1 / rows, say). The default
   * scales {@code grads} in place and then updates; optimizers that fold the factor into their own pass override
   * it (one pass over the gradients fewer) and leave {@code grads} alone. Either way the result is the same floats.
   */
  default void update(float[] params, float[] grads, float gradScale, OptState state) {
    for (int i = 0; i < grads.length; i++) grads[i] *= gradScale;
    update(params, grads, state);
  }

  /**
   * {@link #update(float[], float[], float, OptState)} for the parameter server, returning whether every parameter
   * is finite afterwards (its divergence check after every step), found in the update's own pass where the
   * optimizer can. The same floats as the plain update; the default is that update, then a scan. (One thread: on
   * the driver of local mode, which shares the cores with the tasks, updating in two slices on the fork-join pool
   * made B1's and B2's steps slower, not faster; bench/RESULTS.md.)
   */
  default boolean updateChecked(float[] params, float[] grads, float gradScale, OptState state) {
    update(params, grads, gradScale, state);
    return Finite.all(params);
  }
}
