package org.sparknn.driver.data;

import org.sparknn.data.FeatureScaling;

/**
 * What to read and how to interpret it: a path (any Hadoop file system URI, or a local path; a file, a directory or
 * a glob for text and Parquet; the common prefix of the two files for IDX), its format, the feature count
 * ({@code 0}: learn it from the data), the class count ({@code 0}: labels are plain numbers such as regression
 * targets, except for IDX, whose labels are always class indices and give the count as largest label + 1), the
 * scaling applied to every feature value, and the format's options. Build one with {@link #of} and the withers.
 */
public record DataSpec(String path, DataFormat format, int features, int classes, FeatureScaling scaling,
    CsvOptions csv, ParquetColumns parquet) {
  public DataSpec {
    if (path == null || path.isBlank()) throw new IllegalArgumentException("data path is blank");
    if (format == null) throw new IllegalArgumentException("data format is required for " + path);
    if (features < 0) throw new IllegalArgumentException("features must be >= 0 (0: from the data), got " + features);
    if (classes < 0) throw new IllegalArgumentException("classes must be >= 0 (0: not class labels), got " + classes);
    if (scaling == null) scaling = FeatureScaling.NONE;
    if (csv == null) csv = CsvOptions.DEFAULT;
    if (parquet == null) parquet = ParquetColumns.DEFAULT;
  }

  /** Values as stored, feature and class counts from the data, default options. */
  public static DataSpec of(String path, DataFormat format) {
    return new DataSpec(path, format, 0, 0, FeatureScaling.NONE, null, null);
  }

  public DataSpec withFeatures(int n) {
    return new DataSpec(path, format, n, classes, scaling, csv, parquet);
  }

  public DataSpec withClasses(int n) {
    return new DataSpec(path, format, features, n, scaling, csv, parquet);
  }

  public DataSpec withScaling(FeatureScaling s) {
    return new DataSpec(path, format, features, classes, s, csv, parquet);
  }

  public DataSpec withCsv(CsvOptions options) {
    return new DataSpec(path, format, features, classes, scaling, options, parquet);
  }

  public DataSpec withParquet(ParquetColumns columns) {
    return new DataSpec(path, format, features, classes, scaling, csv, columns);
  }
}
