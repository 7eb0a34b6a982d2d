package org.sparknn.driver.data;

/**
 * CSV layout: which column holds the label ({@code labelColumn}, 0-based; negative counts from the end, -1 is the
 * last) and whether each file starts with a header line to skip.
 */
public record CsvOptions(int labelColumn, boolean header) {
  /** Label in the first column, no header. */
  public static final CsvOptions DEFAULT = new CsvOptions(0, false);

  /** The label's 0-based index in a line of {@code columns} columns. */
  int labelIndex(int columns) {
    int index = labelColumn < 0 ? columns + labelColumn : labelColumn;
    if (index < 0 || index >= columns) {
      throw new IllegalArgumentException("label column " + labelColumn + " does not exist in lines of " + columns
          + " columns");
    }
    return index;
  }
}
