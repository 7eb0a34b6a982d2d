package org.sparknn.driver.train;

import java.io.Serializable;
import org.sparknn.config.TrainSettings;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;

/** The immutable facts every training task needs; shipped inside task closures (Java-serialized, small). */
record TrainingPlan(ModelSpec model, OptimizerSpec optimizer, TrainSettings settings, long totalSamples)
    implements Serializable {

  /** Global steps in one epoch: ceil(samples / batch). */
  long stepsPerEpoch() {
    return (totalSamples + settings.batchSize() - 1) / settings.batchSize();
  }
}
