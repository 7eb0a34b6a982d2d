package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.data.Block;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.LocalSpark;

class CsvSourceTest {
  private static SparkSession spark;
  private static DataLoader loader;
  @TempDir Path dir;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(2);
    loader = new DataLoader(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void readsLabelFirstWithHeaderAndBlankLines() throws IOException {
    Path file = write("a.csv", "label,f1,f2,f3\n1,0.5,2,3\n\n0, 4 ,5,6e1\r\n2,7,8,9\n");
    BlockSet set = loader.load(csv(file).withClasses(3).withCsv(new CsvOptions(0, true)), new BlockPlan(2, 2));
    assertEquals(3, set.samples());
    assertEquals(3, set.features());
    assertEquals(3, set.classes());
    Block all = Collected.of(set).joined();
    assertArrayEquals(new float[] {0.5f, 2, 3, 4, 5, 60, 7, 8, 9}, all.x());
    assertArrayEquals(new float[] {1, 0, 2}, all.y());
  }

  @Test
  void labelColumnCanBeLastAndScalingApplies() throws IOException {
    Path file = write("b.csv", "255,0,1.5\n51,102,-2\n");
    BlockSet set = loader.load(csv(file).withCsv(new CsvOptions(-1, false)).withScaling(FeatureScaling.UNIT),
        new BlockPlan(8, 1));
    Block all = Collected.of(set).joined();
    assertArrayEquals(new float[] {1, 0, 0.2f, 0.4f}, all.x());
    assertArrayEquals(new float[] {1.5f, -2}, all.y());
    assertEquals(0, set.classes());
  }

  @Test
  void directoryOfFilesIsReadInPathOrderIncludingGzip() throws IOException {
    Path data = Files.createDirectory(dir.resolve("parts"));
    Files.writeString(data.resolve("part-2.csv"), "2,20\n");
    Files.writeString(data.resolve("_SUCCESS"), "");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(data.resolve("part-1.csv.gz")))) {
      out.write("1,10\n1,11\n".getBytes(StandardCharsets.UTF_8));
    }
    Files.writeString(data.resolve("part-0.csv"), "0,0\n0,1\n");
    Block all = Collected.of(loader.load(csv(data), new BlockPlan(2, 3))).joined();
    assertArrayEquals(new float[] {0, 1, 10, 11, 20}, all.x());
    assertArrayEquals(new float[] {0, 0, 1, 1, 2}, all.y());
  }

  @Test
  void aBadLineInALaterSplitIsReportedWithItsLineNumber() throws IOException {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 3000; i++) text.append(i == 2500 ? "1,2,x\n" : i % 10 + "," + i + "," + (i + 1) + "\n");
    Path file = write("big.csv", text.toString());
    org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 4096); // several splits
    try {
      DataFileException e = assertThrows(DataFileException.class, () -> loader.load(csv(file), new BlockPlan(64, 2)));
      assertEquals(file.toUri().toString().replace("file:///", "file:/") + ":2500: column 3 is 'x'; expected a number",
          e.getMessage());
      Files.writeString(file, text.toString().replace("1,2,x\n", "0,2500,2501\n"));
      Block all = Collected.of(loader.load(csv(file), new BlockPlan(64, 2))).joined();
      assertEquals(3000, all.rows());
      for (int i = 0; i < 3000; i++) assertEquals(i + 1, all.x()[2 * i], "sample order at row " + i);
    } finally {
      conf.unset("mapreduce.input.fileinputformat.split.maxsize");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "too few columns   | 1,2,3\\n0,1               | :2: 2 columns; expected 3 (a label in column 1 and 2 features)",
      "too many columns  | 1,2,3\\n0,1,2,3           | :2: 4 columns; expected 3",
      "not a number      | 1,2,3\\n\\n0,1,abc        | :3: column 3 is 'abc'; expected a number",
      "empty field       | 1,2,3\\n0,,3              | :2: column 2 is empty; expected a number",
      "NaN feature       | 1,2,3\\n0,NaN,3           | :2: column 2 is NaN; expected a finite number",
      "infinite feature  | 1,2,3\\n0,1,-Infinity     | :2: column 3 is -Infinity; expected a finite number",
      "label too large   | 1,2,3\\n0,1,2\\n3,1,2     | :3: column 1: label 3.0 is not a class index; expected an integer in [0, 3)",
      "fractional label  | 1.5,2,3                   | :1: column 1: label 1.5 is not a class index",
      "negative label    | -1,2,3                    | :1: column 1: label -1.0 is not a class index"})
  void badInputNamesFileLineAndExpectation(String name, String content, String expected) throws IOException {
    Path file = write("bad.csv", content.replace("\\n", "\n") + "\n");
    DataFileException e = assertThrows(DataFileException.class,
        () -> loader.load(csv(file).withClasses(3), new BlockPlan(4, 2)));
    assertTrue(e.getMessage().startsWith("file:" + file), e.getMessage());
    assertTrue(e.getMessage().contains(expected.strip()), e.getMessage());
  }

  @Test
  void missingFileIsNamed() {
    IOException e = assertThrows(IOException.class,
        () -> loader.load(csv(dir.resolve("nothing.csv")), new BlockPlan(4, 2)));
    assertTrue(e.getMessage().contains("nothing.csv: no such file"), e.getMessage());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content);
  }

  private static DataSpec csv(Path file) {
    return DataSpec.of(file.toUri().toString(), DataFormat.CSV);
  }
}
