package org.sparknn.driver.train;

import java.io.Serializable;
import org.sparknn.config.ParallelSettings;
import org.sparknn.config.TrainSettings;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;

/**
 * The immutable facts every training task needs; shipped inside task closures (Java-serialized, small). The
 * backend setting is resolved on each executor (see NetworkCache): executors may differ from the driver.
 */
record TrainingPlan(ModelSpec model, OptimizerSpec optimizer, TrainSettings settings, long totalSamples,
    ParallelSettings.Backend backend) implements Serializable {

  /** Global steps in one epoch: ceil(samples / batch). */
  long stepsPerEpoch() {
    return (totalSamples + settings.batchSize() - 1) / settings.batchSize();
  }
}
