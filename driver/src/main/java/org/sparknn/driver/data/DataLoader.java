package org.sparknn.driver.data;

import java.io.IOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparknn.data.Block;

/**
 * Reads a {@link DataSpec} into cached blocks laid out by a {@link BlockPlan}: picks the reader for the format,
 * then hands its blocks to {@link BlockLayout}. The data goes from storage to the executors; the driver only lists
 * files, checks they exist and receives counts. Bad input fails with a {@link DataFileException} or
 * {@link org.sparknn.io.IdxFormatException} naming the file (and line), a missing file with a
 * {@link java.io.FileNotFoundException}.
 */
public final class DataLoader {
  private final SparkSession spark;

  public DataLoader(SparkSession spark) {
    this.spark = spark;
  }

  /** All of the data set, without a validation split. */
  public BlockSet load(DataSpec spec, BlockPlan plan) throws IOException {
    return load(spec, plan, 0f).train();
  }

  /** The data set with its last {@code validationFraction} of samples split off for validation. */
  public SplitBlocks load(DataSpec spec, BlockPlan plan, float validationFraction) throws IOException {
    JavaRDD<Block> source = read(spec, plan.blockRows());
    source.setName(spec.format().configName() + " " + spec.path());
    int classes = spec.format() == DataFormat.IDX && spec.classes() == 0 ? BlockLayout.INFER_CLASSES : spec.classes();
    return BlockLayout.distribute(source, spec.path(), plan, validationFraction, classes);
  }

  private JavaRDD<Block> read(DataSpec spec, int blockRows) throws IOException {
    JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    return switch (spec.format()) {
      case IDX -> IdxSource.read(sc, spec, blockRows);
      case CSV -> CsvSource.read(sc, spec, blockRows);
      case LIBSVM -> LibSvmSource.read(sc, spec, blockRows);
      case PARQUET -> ParquetSource.read(spark, spec, blockRows);
    };
  }
}
