package org.sparknn.config;

import org.sparknn.data.FeatureScaling;
import org.sparknn.spec.Require;
import org.sparknn.spec.SpecException;

/**
 * Where the data is and how to prepare it: {@code train} and {@code test} name data sets (an IDX set by the common
 * prefix of its two files); {@code validationSplit} is the fraction of the training set, taken from its end, held
 * out for validation (0 for none); {@code scaling} is applied to every feature; {@code format} is idx, csv, libsvm or
 * parquet (null: guessed from the path's extension, IDX without one).
 */
public record DataSettings(String train, String test, float validationSplit, FeatureScaling scaling,
    String format) {
  public DataSettings {
    if (train == null || train.isBlank()) throw new SpecException("data.train", "expected a data set path, got nothing");
    Require.inHalfOpen("data.validation_split", validationSplit, 0f, 1f);
    if (scaling == null) scaling = FeatureScaling.UNIT;
  }
}
