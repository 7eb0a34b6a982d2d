package org.sparknn.driver.data;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a Spark action over input data and, when a task failed on bad data, throws that data error itself
 * (file, line, what was expected) instead of Spark's "Job aborted due to stage failure" wrapper around it.
 */
final class SparkJobs {
  private SparkJobs() {}

  static <T> T run(Supplier<T> action) throws IOException {
    try {
      return action.get();
    } catch (Exception e) { // SparkException is checked, but Scala throws it from methods that do not declare it
      Optional<IOException> dataError = DataFileException.find(e);
      if (dataError.isPresent()) throw dataError.get();
      throw e; // precise rethrow: still only what action.get() can throw, undeclared SparkException included
    }
  }
}
