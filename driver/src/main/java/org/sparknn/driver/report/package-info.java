/**
 * What a person sees of a run besides its files: the per-epoch progress bar on a terminal
 * ({@link org.sparknn.driver.report.ConsoleProgress}) and, at the end, {@code report.html} with PNG charts
 * ({@link org.sparknn.driver.report.RunReport}), drawn from the run's {@code metrics.jsonl}
 * ({@link org.sparknn.driver.report.RunMetrics}) and its model file's provenance.
 */
package org.sparknn.driver.report;
