package org.sparknn.driver.data;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.when;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.sparknn.data.Block;

/**
 * Parquet through Spark SQL: a features column ({@code array} of any numeric type, or a Spark ML vector) and a
 * numeric label column become blocks. Spark does the reading and the casts to float; we check each row. Without a
 * feature count in the spec, it is the length of the first row's features (a one-row query).
 */
final class ParquetSource {
  private ParquetSource() {}

  static JavaRDD<Block> read(SparkSession spark, DataSpec spec, int blockRows) throws IOException {
    requireExists(spark, spec.path());
    ParquetColumns names = spec.parquet();
    Dataset<Row> table = spark.read().parquet(spec.path());
    StructType vector = VectorColumn.storedAs(field(table.schema(), names.features(), spec.path()).dataType());
    Column features;
    if (vector != null) {
      table = spark.read().schema(replace(table.schema(), names.features(), vector)).parquet(spec.path());
      features = col(names.features());
    } else {
      requireNumericArray(field(table.schema(), names.features(), spec.path()), spec.path());
      features = col(names.features()).cast(DataTypes.createArrayType(DataTypes.FloatType));
    }
    StructField label = field(table.schema(), names.label(), spec.path());
    if (!(label.dataType() instanceof NumericType)) {
      throw new IllegalArgumentException(spec.path() + ": label column '" + label.name() + "' is "
          + label.dataType().simpleString() + "; expected a number");
    }
    Dataset<Row> rows = table.select(features, col(names.label()).cast(DataTypes.FloatType),
        col("_metadata.file_path"), col("_metadata.row_index"));
    int count = spec.features() > 0 ? spec.features() : firstLength(rows, vector != null, spec.path());
    ParquetRowWriter writer = new ParquetRowWriter(count, vector != null, new LabelRule(spec.classes()),
        spec.scaling());
    return rows.javaRDD().mapPartitions(it -> new BlockIterator<>(it, count, blockRows, writer));
  }

  private static void requireExists(SparkSession spark, String path) throws IOException {
    Path p = new Path(path);
    FileStatus[] matches = p.getFileSystem(spark.sparkContext().hadoopConfiguration()).globStatus(p);
    if (matches == null || matches.length == 0) throw new FileNotFoundException(path + ": no such file or directory");
  }

  private static StructField field(StructType schema, String name, String path) {
    if (!Arrays.asList(schema.fieldNames()).contains(name)) {
      throw new IllegalArgumentException(path + ": no column '" + name + "'; the columns are "
          + Arrays.toString(schema.fieldNames()));
    }
    return schema.apply(name);
  }

  private static void requireNumericArray(StructField field, String path) {
    DataType type = field.dataType();
    if (!(type instanceof ArrayType array && array.elementType() instanceof NumericType)) {
      throw new IllegalArgumentException(path + ": features column '" + field.name() + "' is " + type.simpleString()
          + "; expected an array of numbers or a Spark ML vector");
    }
  }

  private static StructType replace(StructType schema, String name, DataType type) {
    StructField[] fields = schema.fields().clone();
    for (int i = 0; i < fields.length; i++) {
      if (fields[i].name().equals(name)) fields[i] = new StructField(name, type, true, fields[i].metadata());
    }
    return new StructType(fields);
  }

  private static int firstLength(Dataset<Row> rows, boolean vector, String path) throws IOException {
    Column f = rows.col(rows.columns()[0]);
    Column length = vector ? when(f.getField("type").equalTo(VectorColumn.DENSE), size(f.getField("values")))
        .otherwise(f.getField("size")) : size(f);
    List<Row> first = rows.where(f.isNotNull()).select(length).limit(1).collectAsList();
    if (first.isEmpty() || first.get(0).isNullAt(0) || first.get(0).getInt(0) <= 0) {
      throw new DataFileException(path, 0, "no row with features; expected at least one");
    }
    return first.get(0).getInt(0);
  }
}
