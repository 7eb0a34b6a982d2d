package org.sparknn.optim;

/** The check every {@link Optimizer#update} starts with: parameters, gradients and state describe one vector. */
final class UpdateArgs {
  private UpdateArgs() {}

  /** Throws {@link IllegalArgumentException} unless the sizes agree and the state holds {@code slotCount} blocks. */
  static void check(float[] params, float[] grads, OptState state, int slotCount, String method) {
    if (params.length != grads.length || params.length != state.size()) {
      throw new IllegalArgumentException("sizes differ: params " + params.length + ", grads " + grads.length
          + ", state " + state.size());
    }
    if (state.slotCount() != slotCount) {
      throw new IllegalArgumentException(method + " state needs " + slotCount + " slot block(s) of " + state.size()
          + " values, got " + state.valueCount() + " values");
    }
  }
}
