package org.sparknn.driver.predict;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.util.Locale;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.data.DataFormat;
import org.sparknn.driver.data.DataSpec;
import org.sparknn.io.SavedModel;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;

/**
 * How to read a data set for a trained model: its feature count is the model's input size; the scaling is the one
 * given, else the one the model was trained with (its provenance's {@code data.scaling}, else {@code unit}, the
 * training default); the format is the one given, else guessed from the path as for {@code data.train}.
 */
public final class ModelInput {
  private ModelInput() {}

  /**
   * The data spec for {@code path}. With {@code checkLabels}, labels must be what the model was trained on (class
   * indices in [0, outputs) for a softmax classifier), as for evaluation; without, any label is accepted and
   * ignored, as for prediction.
   */
  public static DataSpec spec(SavedModel model, String path, DataFormat format, FeatureScaling scaling,
      boolean checkLabels) {
    ModelSpec spec = model.spec();
    int classes = checkLabels && spec.loss() == LossKind.SOFTMAX_CROSS_ENTROPY ? spec.outputSize() : 0;
    return DataSpec.of(path, format == null ? DataFormat.guess(path) : format).withFeatures(spec.inputSize())
        .withClasses(classes).withScaling(scaling == null ? trainedScaling(model) : scaling);
  }

  /** The {@code data.scaling} of the job that trained {@code model}, else {@code unit} (the training default). */
  public static FeatureScaling trainedScaling(SavedModel model) {
    try {
      Config job = ConfigFactory.parseString(model.provenance().configText());
      if (!job.hasPath("data.scaling")) return FeatureScaling.UNIT;
      return FeatureScaling.valueOf(job.getString("data.scaling").trim().toUpperCase(Locale.ROOT));
    } catch (ConfigException | IllegalArgumentException e) {
      return FeatureScaling.UNIT; // a model written by other tools may carry no (or another) configuration
    }
  }
}
