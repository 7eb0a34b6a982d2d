package org.sparknn.data;

import java.util.List;

/**
 * A loaded dataset: all samples in one {@link Block}, the number of classes (0 when the labels are not class
 * indices, e.g. regression targets) and optional class names (empty, or one per class). Validated on construction:
 * with one label per sample and {@code classes > 0}, every label must be a class index in [0, classes).
 */
public record Dataset(Block samples, int classes, List<String> classNames) {
  public Dataset {
    if (samples == null) throw new IllegalArgumentException("samples must not be null");
    if (classes < 0) throw new IllegalArgumentException("classes must be >= 0, got " + classes);
    classNames = classNames == null ? List.of() : List.copyOf(classNames);
    if (!classNames.isEmpty() && classNames.size() != classes) {
      throw new IllegalArgumentException(classNames.size() + " class names for " + classes + " classes: " + classNames);
    }
    for (String name : classNames) {
      if (name.isBlank()) throw new IllegalArgumentException("class names must not be blank: " + classNames);
    }
    if (classes > 0 && samples.labelWidth() == 1) checkLabels(samples, classes);
  }

  private static void checkLabels(Block samples, int classes) {
    float[] y = samples.y();
    for (int i = 0; i < samples.rows(); i++) {
      float label = y[i];
      if (!(label >= 0 && label < classes && label == (int) label)) {
        throw new IllegalArgumentException("label " + label + " of sample " + i + " is not a class index in [0, "
            + classes + ")");
      }
    }
  }

  /** Number of samples. */
  public int size() {
    return samples.rows();
  }

  public int features() {
    return samples.features();
  }

  /**
   * The same samples with class names; the number of classes becomes {@code names.size()}. Useful because a
   * loader can only infer classes from the largest label present, which a small split may not contain.
   */
  public Dataset withClassNames(List<String> names) {
    return new Dataset(samples, names.size(), names);
  }
}
