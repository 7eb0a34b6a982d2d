package org.sparknn.driver.run;

/** A confusion matrix as a text table: rows are true classes, columns predicted classes. */
final class ConfusionTable {
  private ConfusionTable() {}

  static String render(long[][] rows) {
    StringBuilder b = new StringBuilder("confusion matrix (rows: true class, columns: predicted)\n      ");
    for (int c = 0; c < rows.length; c++) b.append(String.format("%6d", c));
    for (int t = 0; t < rows.length; t++) {
      b.append(String.format("%n%6d", t));
      for (long v : rows[t]) b.append(String.format("%6d", v));
    }
    return b.toString();
  }
}
