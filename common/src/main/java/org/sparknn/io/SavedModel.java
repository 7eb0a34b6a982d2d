package org.sparknn.io;

import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;

/**
 * Everything a model file holds: the spec, its parameters and buffers, and provenance. That the state fits the
 * spec's {@link org.sparknn.tensor.ParamLayout} is checked by {@link ModelFile} when writing and reading, where the
 * error can name the file.
 */
public record SavedModel(ModelSpec spec, ModelState state, Provenance provenance) {
  public SavedModel {
    if (spec == null || state == null || provenance == null) {
      throw new IllegalArgumentException("spec, state and provenance are all required");
    }
  }
}
