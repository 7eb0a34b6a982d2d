package org.sparknn.io;

import org.sparknn.optim.OptState;

/**
 * Everything needed to continue a run: the model (spec, parameters, buffers, provenance), the optimizer state
 * (step and slots, e.g. Adam's moments), the number of finished epochs, of global steps taken, and where inside the
 * next epoch it stands ({@link EpochCursor#START} for a checkpoint taken at the end of an epoch).
 */
public record Checkpoint(SavedModel model, OptState optState, int epochsDone, long globalStep, EpochCursor cursor) {
  public Checkpoint(SavedModel model, OptState optState, int epochsDone, long globalStep) {
    this(model, optState, epochsDone, globalStep, EpochCursor.START);
  }

  public Checkpoint {
    if (model == null || optState == null || cursor == null) {
      throw new IllegalArgumentException("checkpoint needs a model, an optimizer state and a cursor");
    }
    if (epochsDone < 0 || globalStep < 0) {
      throw new IllegalArgumentException("epochsDone and globalStep must be >= 0, got " + epochsDone + ", " + globalStep);
    }
  }
}
