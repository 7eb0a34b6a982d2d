package org.sparknn.driver.data;

import java.io.Serializable;

/** Parses one text line into one sample; shipped to the executors with the task. */
interface LineParser extends Serializable {
  /** Features per sample. */
  int features();

  /**
   * Writes the features of {@code line} to {@code x[xAt, xAt + features())}, which arrive zeroed, and its label to
   * {@code y[yAt]}; throws with what is wrong (not where: the caller adds the file and line).
   */
  void parse(String line, float[] x, int xAt, float[] y, int yAt) throws BadRecord;
}
