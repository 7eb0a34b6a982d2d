package org.sparknn.driver.data;

import java.util.Arrays;
import java.util.Locale;

/** The on-disk formats the driver reads into blocks. */
public enum DataFormat {
  /** An image/label pair of IDX files named by their common prefix (MNIST layout), plain or gzipped. */
  IDX,
  /** Comma-separated numbers, one sample a line, one label column (the first by default), optional header. */
  CSV,
  /** LibSVM/SVMlight text: {@code label index:value ...} with 1-based, increasing indices; absent features are 0. */
  LIBSVM,
  /** Parquet with a features column (array of numbers or a Spark ML vector) and a numeric label column. */
  PARQUET;

  /** The format named {@code name} (any case), e.g. from a configuration file. */
  public static DataFormat parse(String name) {
    for (DataFormat f : values()) {
      if (f.name().equalsIgnoreCase(name.trim())) return f;
    }
    throw new IllegalArgumentException("unknown data format '" + name + "'; expected one of "
        + Arrays.toString(values()).toLowerCase(Locale.ROOT));
  }

  /**
   * The format a path's extension suggests: {@code .csv}, {@code .libsvm}/{@code .svm}, {@code .parquet} (each
   * optionally compressed, e.g. {@code .csv.gz}); anything else is taken for an IDX prefix, which has no extension.
   */
  public static DataFormat guess(String path) {
    String name = path.toLowerCase(Locale.ROOT).replaceAll("/+$", "").replaceAll("\\.(gz|bz2|zst|deflate)$", "");
    if (name.endsWith(".csv")) return CSV;
    if (name.endsWith(".libsvm") || name.endsWith(".svm")) return LIBSVM;
    if (name.endsWith(".parquet")) return PARQUET;
    return IDX;
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
