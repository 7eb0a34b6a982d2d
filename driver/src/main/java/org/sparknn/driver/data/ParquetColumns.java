package org.sparknn.driver.data;

/** The Parquet columns that hold each sample's features and its label. */
public record ParquetColumns(String features, String label) {
  /** The names Spark ML uses. */
  public static final ParquetColumns DEFAULT = new ParquetColumns("features", "label");

  public ParquetColumns {
    if (features == null || features.isBlank()) throw new IllegalArgumentException("features column name is blank");
    if (label == null || label.isBlank()) throw new IllegalArgumentException("label column name is blank");
  }
}
