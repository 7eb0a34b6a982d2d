package org.sparknn.data;

/** How raw feature values are mapped when a dataset is loaded. */
public enum FeatureScaling {
  /** Values as stored (0..255 for 8-bit pixels). */
  NONE,
  /** x / 255: 8-bit pixels to [0, 1], the input range the default initializers and learning rates assume. */
  UNIT;

  public float apply(float raw) {
    return this == UNIT ? raw / 255f : raw;
  }

  public String configName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
