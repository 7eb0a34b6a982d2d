package org.sparknn.io;

import org.sparknn.optim.OptState;

/**
 * Everything needed to continue a run: the model (spec, parameters, buffers, provenance), the optimizer state
 * (step and slots, e.g. Adam's moments), the number of finished epochs and of global steps taken.
 */
public record Checkpoint(SavedModel model, OptState optState, int epochsDone, long globalStep) {
  public Checkpoint {
    if (model == null || optState == null) throw new IllegalArgumentException("checkpoint needs a model and an optimizer state");
    if (epochsDone < 0 || globalStep < 0) {
      throw new IllegalArgumentException("epochsDone and globalStep must be >= 0, got " + epochsDone + ", " + globalStep);
    }
  }
}
