package org.sparknn.driver.data;

import java.io.Serializable;

/**
 * What a label read from text or Parquet must be: with {@code classes > 0} an integer class index in
 * [0, classes); otherwise any finite number.
 */
record LabelRule(int classes) implements Serializable {
  /** Why {@code label} is not acceptable, or null when it is. */
  String problem(float label) {
    if (classes > 0) {
      return label >= 0 && label < classes && label == (int) label ? null
          : "label " + label + " is not a class index; expected an integer in [0, " + classes + ")";
    }
    return Float.isFinite(label) ? null : "label is " + label + "; expected a finite number";
  }
}
