package org.sparknn.driver.data;

/**
 * What is wrong with one record (a text line, a Parquet row), without where it is: the reader that knows the file
 * and line turns it into a {@link DataFileException}. No stack trace: it is a message, thrown once per failed task.
 */
final class BadRecord extends Exception {
  private static final long serialVersionUID = 1L;

  BadRecord(String problem) {
    super(problem, null, false, false);
  }
}
