/**
 * Using a trained model: finding and loading its {@code model.snn} through Hadoop file systems
 * ({@link org.sparknn.driver.predict.SavedModels}), reading a data set the way the model expects it
 * ({@link org.sparknn.driver.predict.ModelInput}), evaluating it ({@link org.sparknn.driver.predict.EvaluationReport})
 * and writing per-sample predictions in input order ({@link org.sparknn.driver.predict.Predictions}). The
 * {@code evaluate} and {@code predict} commands are thin layers over these.
 */
package org.sparknn.driver.predict;
