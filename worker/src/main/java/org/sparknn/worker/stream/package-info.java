/**
 * Per-step synchronisation without a Spark job per step: long-running training tasks exchange each step's gradient
 * sum and the next parameters with the driver's step server over one TCP connection each. Spark still schedules the
 * tasks (one barrier stage per epoch) and relaunches them after a failure; the server then resumes every task at
 * the last step it completed, so a failure costs at most the step in flight.
 */
package org.sparknn.worker.stream;
