package org.sparknn.driver;

import com.esotericsoftware.kryo.Kryo;
import java.util.List;

/**
 * Spark SQL classes that Spark itself ships through Kryo without registering them: Parquet schema inference
 * collects each file's {@code StructType} through a Spark job, and the task results go through the configured
 * serializer. They matter only with {@code spark.kryo.registrationRequired=true} (our tests), where reading any
 * Parquet file would otherwise fail. The data types listed are those our readers accept (numbers, arrays, vector
 * structs, ML vectors when MLlib is present) plus strings and booleans that often sit in the same files; a file with
 * other column types needs them added here. Named by string because several are Scala objects ({@code IntegerType$}).
 */
final class SparkSqlKryoClasses {
  private static final List<String> NAMES = List.of(
      "org.apache.spark.sql.types.StructType",
      "org.apache.spark.sql.types.StructField",
      "[Lorg.apache.spark.sql.types.StructField;",
      "org.apache.spark.sql.types.Metadata",
      "org.apache.spark.sql.types.ArrayType",
      "org.apache.spark.sql.types.MapType",
      "org.apache.spark.sql.types.ByteType$",
      "org.apache.spark.sql.types.ShortType$",
      "org.apache.spark.sql.types.IntegerType$",
      "org.apache.spark.sql.types.LongType$",
      "org.apache.spark.sql.types.FloatType$",
      "org.apache.spark.sql.types.DoubleType$",
      "org.apache.spark.sql.types.DecimalType",
      "org.apache.spark.sql.types.BooleanType$",
      "org.apache.spark.sql.types.StringType",
      "org.apache.spark.sql.types.BinaryType$",
      "org.apache.spark.ml.linalg.VectorUDT",
      "org.apache.spark.mllib.linalg.VectorUDT");

  private SparkSqlKryoClasses() {}

  /** Registers the classes that are on the class path (Spark SQL and MLlib are optional). */
  static void registerAll(Kryo kryo) {
    for (String name : NAMES) {
      try {
        kryo.register(Class.forName(name, false, SparkSqlKryoClasses.class.getClassLoader()));
      } catch (ClassNotFoundException e) {
        // Not on the class path (no Spark SQL, no MLlib): then nothing of it can be serialized either.
      }
    }
  }
}
