package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DataFormatTest {
  @Test
  void parsesConfigNamesInAnyCase() {
    assertEquals(DataFormat.LIBSVM, DataFormat.parse("LibSVM"));
    assertEquals("parquet", DataFormat.PARQUET.configName());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataFormat.parse("tsv"));
    assertEquals("unknown data format 'tsv'; expected one of [idx, csv, libsvm, parquet]", e.getMessage());
  }

  @Test
  void guessesFromTheExtension() {
    assertEquals(DataFormat.CSV, DataFormat.guess("s3a://bucket/train.CSV.gz"));
    assertEquals(DataFormat.LIBSVM, DataFormat.guess("/data/a9a.svm"));
    assertEquals(DataFormat.PARQUET, DataFormat.guess("hdfs:///data/train.parquet/"));
    assertEquals(DataFormat.IDX, DataFormat.guess("/usr/share/datasets/fashion-mnist/train"));
  }

  @Test
  void csvLabelColumnCountsFromTheEndWhenNegative() {
    assertEquals(4, new CsvOptions(-1, false).labelIndex(5));
    assertEquals(0, CsvOptions.DEFAULT.labelIndex(5));
    assertThrows(IllegalArgumentException.class, () -> new CsvOptions(5, false).labelIndex(5));
  }
}
