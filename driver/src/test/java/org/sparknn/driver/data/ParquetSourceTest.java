package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sparknn.data.Block;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.LocalSpark;

class ParquetSourceTest {
  private static SparkSession spark;
  private static DataLoader loader;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(2, DenseTestVectorUdt.class.getName()); // schema inference ships the UDT
    loader = new DataLoader(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void floatArraysRoundTripInRowOrder() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) rows.add(RowFactory.create(seq(new Float[] {(float) i, i * 2f, -i / 4f}), i % 3));
    String path = write("floats", rows, DataTypes.createArrayType(DataTypes.FloatType), DataTypes.IntegerType, 1);
    BlockSet set = loader.load(DataSpec.of(path, DataFormat.PARQUET).withClasses(3), new BlockPlan(4, 3));
    assertEquals(10, set.samples());
    assertEquals(3, set.features());
    assertEquals(3, set.partitions());
    Block all = Collected.of(set).joined();
    for (int i = 0; i < 10; i++) {
      assertArrayEquals(new float[] {i, i * 2f, -i / 4f}, Arrays.copyOfRange(all.x(), 3 * i, 3 * i + 3), "row " + i);
      assertEquals(i % 3, all.y()[i]);
    }
  }

  @Test
  void severalFilesAreAllRead() throws IOException {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) rows.add(RowFactory.create(seq(new Float[] {(float) i}), 0));
    String path = dir.resolve("many.parquet").toString();
    StructType schema = new StructType().add("features", DataTypes.createArrayType(DataTypes.FloatType))
        .add("label", DataTypes.IntegerType);
    spark.createDataFrame(rows, schema).repartition(4).write().parquet(path);
    float[] x = Collected.of(loader.load(DataSpec.of(path, DataFormat.PARQUET), new BlockPlan(3, 2))).joined().x();
    Arrays.sort(x); // across files the order is Spark's file packing order, not the row order written
    for (int i = 0; i < 40; i++) assertEquals(i, x[i]);
  }

  @Test
  void doubleArraysAndOtherColumnNamesWithScaling() throws IOException {
    List<Row> rows = List.of(RowFactory.create(seq(new Double[] {255.0, 51.0}), 1.5),
        RowFactory.create(seq(new Double[] {0.0, 102.0}), -2.0));
    StructType schema = new StructType().add("pixels", DataTypes.createArrayType(DataTypes.DoubleType))
        .add("target", DataTypes.DoubleType);
    String path = dir.resolve("doubles.parquet").toString();
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(path);
    DataSpec spec = DataSpec.of(path, DataFormat.PARQUET).withParquet(new ParquetColumns("pixels", "target"))
        .withScaling(FeatureScaling.UNIT);
    Block all = Collected.of(loader.load(spec, new BlockPlan(4, 1))).joined();
    assertArrayEquals(new float[] {1, 0.2f, 0, 0.4f}, all.x());
    assertArrayEquals(new float[] {1.5f, -2}, all.y());
  }

  @Test
  void vectorStructsDenseAndSparse() throws IOException {
    List<Row> rows = List.of(
        RowFactory.create(RowFactory.create((byte) 1, null, null, seq(new Double[] {1.0, 2.0, 3.0, 4.0})), 0),
        RowFactory.create(RowFactory.create((byte) 0, 4, seq(new Integer[] {1, 3}), seq(new Double[] {5.0, 6.0})), 1));
    String path = write("structs", rows, DenseTestVectorUdt.STORED, DataTypes.IntegerType, 1);
    Block all = Collected.of(loader.load(DataSpec.of(path, DataFormat.PARQUET), new BlockPlan(4, 2))).joined();
    assertArrayEquals(new float[] {1, 2, 3, 4, 0, 5, 0, 6}, all.x());
    assertArrayEquals(new float[] {0, 1}, all.y());
  }

  @Test
  void userDefinedVectorTypeIsReadThroughItsStoredStruct() throws IOException {
    List<Row> rows = List.of(RowFactory.create(new DenseTestVector(new double[] {1, 2}), 1L),
        RowFactory.create(new DenseTestVector(new double[] {3, 4}), 0L));
    String path = write("udt", rows, new DenseTestVectorUdt(), DataTypes.LongType, 1);
    assertTrue(spark.read().parquet(path).schema().apply("features").dataType() instanceof DenseTestVectorUdt,
        "the file should carry the UDT, as files Spark ML writes do");
    Block all = Collected.of(loader.load(DataSpec.of(path, DataFormat.PARQUET), new BlockPlan(4, 2))).joined();
    assertArrayEquals(new float[] {1, 2, 3, 4}, all.x());
    assertArrayEquals(new float[] {1, 0}, all.y());
  }

  @Test
  void wrongLengthNamesFileAndRow() throws IOException {
    List<Row> rows = List.of(RowFactory.create(seq(new Float[] {1f, 2f}), 0),
        RowFactory.create(seq(new Float[] {1f, 2f}), 1), RowFactory.create(seq(new Float[] {1f}), 1));
    String path = write("short", rows, DataTypes.createArrayType(DataTypes.FloatType), DataTypes.IntegerType, 1);
    DataFileException e = assertThrows(DataFileException.class,
        () -> loader.load(DataSpec.of(path, DataFormat.PARQUET), new BlockPlan(4, 2)));
    assertTrue(e.getMessage().matches("file:" + path + "/part-[^:]*\\.parquet: row 2 \\(0-based\\): 1 features; "
        + "expected 2"), e.getMessage());
  }

  @Test
  void nullsNonFiniteValuesAndBadLabelsAreRejected() throws IOException {
    DataType floats = DataTypes.createArrayType(DataTypes.FloatType);
    assertProblem(write("nulllabel", List.of(RowFactory.create(seq(new Float[] {1f}), null)), floats,
        DataTypes.IntegerType, 1), 0, "label is null; expected a number");
    assertProblem(write("nan", List.of(RowFactory.create(seq(new Float[] {1f, Float.NaN}), 0)), floats,
        DataTypes.IntegerType, 1), 0, "feature 1 is NaN; expected a finite number");
    assertProblem(write("nullfeatures", List.of(RowFactory.create(seq(new Float[] {1f}), 0),
        RowFactory.create(null, 0)), floats, DataTypes.IntegerType, 1), 0, "features are null; expected 1 numbers");
    assertProblem(write("label", List.of(RowFactory.create(seq(new Float[] {1f}), 5)), floats,
        DataTypes.IntegerType, 1), 3, "label 5.0 is not a class index; expected an integer in [0, 3)");
  }

  @Test
  void missingColumnListsTheColumns() throws IOException {
    String path = write("cols", List.of(RowFactory.create(seq(new Float[] {1f}), 0)),
        DataTypes.createArrayType(DataTypes.FloatType), DataTypes.IntegerType, 1);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> loader.load(DataSpec.of(path, DataFormat.PARQUET).withParquet(new ParquetColumns("x", "label")),
            new BlockPlan(4, 1)));
    assertEquals(path + ": no column 'x'; the columns are [features, label]", e.getMessage());
  }

  private void assertProblem(String path, int classes, String problem) {
    DataFileException e = assertThrows(DataFileException.class,
        () -> loader.load(DataSpec.of(path, DataFormat.PARQUET).withClasses(classes), new BlockPlan(4, 1)));
    assertTrue(e.getMessage().startsWith("file:" + path + "/part-") && e.getMessage().endsWith(problem),
        e.getMessage());
  }

  private String write(String name, List<Row> rows, DataType features, DataType label, int files) {
    String path = dir.resolve(name + ".parquet").toString();
    StructType schema = new StructType().add("features", features).add("label", label);
    spark.createDataFrame(rows, schema).coalesce(files).write().parquet(path);
    return path;
  }

  /** An array value for a Row (Spark takes any Java list; nulls allowed, unlike List.of). */
  private static List<Object> seq(Object... values) {
    return Arrays.asList(values);
  }
}
