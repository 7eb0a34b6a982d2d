package org.sparknn.driver.data;

import org.sparknn.data.FeatureScaling;

/**
 * One CSV line of exactly {@code columns} comma-separated numbers, one of which (column {@code labelIndex}) is the
 * label and the others the features in order. Quoting is not supported: every field must be a plain number.
 */
final class CsvLineParser implements LineParser {
  private static final long serialVersionUID = 1L;
  private final int columns;
  private final int labelIndex;
  private final LabelRule labels;
  private final FeatureScaling scaling;

  CsvLineParser(int columns, int labelIndex, LabelRule labels, FeatureScaling scaling) {
    if (columns < 2) throw new IllegalArgumentException("CSV lines need a label and at least one feature, got " + columns + " columns");
    this.columns = columns;
    this.labelIndex = labelIndex;
    this.labels = labels;
    this.scaling = scaling;
  }

  @Override
  public int features() {
    return columns - 1;
  }

  @Override
  public void parse(String line, float[] x, int xAt, float[] y, int yAt) throws BadRecord {
    int found = countColumns(line);
    if (found != columns) {
      throw new BadRecord(found + " columns; expected " + columns + " (a label in column " + (labelIndex + 1)
          + " and " + features() + " features)");
    }
    int start = 0;
    int feature = xAt;
    for (int c = 0; c < columns; c++) {
      int end = line.indexOf(',', start);
      if (end < 0) end = line.length();
      float value = number(line.substring(start, end).trim(), c);
      if (c == labelIndex) {
        String problem = labels.problem(value);
        if (problem != null) throw new BadRecord("column " + (c + 1) + ": " + problem);
        y[yAt] = value;
      } else {
        x[feature++] = scaling.apply(value);
      }
      start = end + 1;
    }
  }

  /** Columns in a CSV line: commas plus one. */
  static int countColumns(String line) {
    int count = 1;
    for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) count++;
    return count;
  }

  private static float number(String field, int column) throws BadRecord {
    if (field.isEmpty()) throw new BadRecord("column " + (column + 1) + " is empty; expected a number");
    float value;
    try {
      value = Float.parseFloat(field);
    } catch (NumberFormatException e) {
      throw new BadRecord("column " + (column + 1) + " is '" + field + "'; expected a number");
    }
    if (!Float.isFinite(value)) {
      throw new BadRecord("column " + (column + 1) + " is " + field + "; expected a finite number");
    }
    return value;
  }
}
