package org.sparknn.driver.train;

import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.simd.Finite;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.partition.Contribution;

/**
 * The driver-hosted parameter server: it owns the model state and the optimizer state, and turns the summed
 * contributions of a round into the next state. Gradient rounds: g = sum / samples, one optimizer update.
 * Averaging rounds: parameters, optimizer slots and buffers become their sample-weighted means.
 */
final class ParameterServer {
  private final Optimizer optimizer;
  private ModelState state;
  private OptState optState;
  private boolean paramsFinite = true;

  ParameterServer(OptimizerSpec spec, ModelState initial, OptState initialOpt) {
    this.optimizer = spec.create();
    this.state = initial;
    this.optState = initialOpt;
  }

  ModelState state() {
    return state;
  }

  OptState optState() {
    return optState;
  }

  /** Whether every parameter was finite after the last round applied (checked as part of the update). */
  boolean paramsFinite() {
    return paramsFinite;
  }

  void applyGradient(Contribution total) {
    if (total.samples() == 0) throw new IllegalStateException("a gradient round produced no samples");
    paramsFinite = optimizer.updateChecked(state.params(), total.sum(), 1f / total.samples(), optState); // the mean
    meanInto(total.buffers(), total.samples(), state.buffers());
  }

  /** In place, like the optimizer's update: a round of a wide model would otherwise allocate tens of megabytes. */
  void applyAverage(Contribution total) {
    if (total.samples() == 0) return; // nothing trained this round (all partitions past their data)
    meanInto(total.sum(), total.samples(), state.params());
    paramsFinite = Finite.all(state.params());
    int size = optState.size();
    if (total.optSlots().length != optState.valueCount()) {
      throw new IllegalStateException("contribution has " + total.optSlots().length + " optimizer values, expected "
          + optState.valueCount());
    }
    for (int k = 0; k < optState.slotCount(); k++) { // contributions carry the blocks one after the other
      meanInto(total.optSlots(), k * size, total.samples(), optState.slot(k));
    }
    meanInto(total.buffers(), total.samples(), state.buffers());
    optState = optState.withStep(total.optStep());
  }

  /** out = weightedSum / samples; the two the same length. */
  private static void meanInto(float[] weightedSum, long samples, float[] out) {
    if (weightedSum.length != out.length) {
      throw new IllegalStateException("contribution has " + weightedSum.length + " values, expected " + out.length);
    }
    meanInto(weightedSum, 0, samples, out);
  }

  /** out = weightedSum[from, from + out.length) / samples. */
  private static void meanInto(float[] weightedSum, int from, long samples, float[] out) {
    float n = samples;
    for (int i = 0; i < out.length; i++) out[i] = weightedSum[from + i] / n; // x*n/n gives x back exactly more often
  }
}
