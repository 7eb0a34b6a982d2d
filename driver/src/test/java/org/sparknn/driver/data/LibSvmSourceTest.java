package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.data.Block;
import org.sparknn.driver.LocalSpark;

class LibSvmSourceTest {
  private static final String GOOD = "1 1:0.5 3:2\n# a comment line\n0 2:-1 4:3 # trailing comment\n\n2\n";
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
  void sparseLinesBecomeDenseRowsWithTheFeatureCountFromTheData() throws IOException {
    Path file = Files.writeString(dir.resolve("a.libsvm"), GOOD);
    BlockSet set = loader.load(spec(file).withClasses(3), new BlockPlan(2, 2));
    assertEquals(3, set.samples());
    assertEquals(4, set.features());
    Block all = Collected.of(set).joined();
    assertArrayEquals(new float[] {0.5f, 0, 2, 0, 0, -1, 0, 3, 0, 0, 0, 0}, all.x());
    assertArrayEquals(new float[] {1, 0, 2}, all.y());
  }

  @Test
  void aGivenFeatureCountPadsWithZeros() throws IOException {
    Path file = Files.writeString(dir.resolve("b.svm"), GOOD);
    BlockSet set = loader.load(spec(file).withFeatures(6), new BlockPlan(8, 1));
    assertEquals(6, set.features());
    assertEquals(18, Collected.of(set).joined().x().length);
  }

  @Test
  void indexBeyondTheGivenFeatureCountNamesFileAndLine() throws IOException {
    Path file = Files.writeString(dir.resolve("c.libsvm"), GOOD);
    DataFileException e = assertThrows(DataFileException.class,
        () -> loader.load(spec(file).withFeatures(3), new BlockPlan(2, 2)));
    assertEquals("file:" + file + ":3: feature index 4 is beyond the feature count; expected 1..3", e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "decreasing index     | 1 3:1 2:1           | :2: '2:1': index 2 after 3; expected increasing indices",
      "repeated index       | 1 2:1 2:1           | :2: '2:1': index 2 after 2",
      "zero index           | 1 0:1               | :2: '0:1': index 0; indices are 1-based",
      "no colon             | 1 5                 | :2: '5' is not index:value",
      "bad value            | 1 2:x               | :2: '2:x': value is not a number",
      "NaN value            | 1 2:NaN             | :2: '2:NaN': value is NaN; expected a finite number",
      "bad label            | one 1:1             | :2: label 'one' is not a number",
      "label out of range   | 7 1:1               | :2: label 7.0 is not a class index; expected an integer in [0, 3)"})
  void badLinesNameFileLineAndExpectation(String name, String line, String expected) throws IOException {
    Path file = Files.writeString(dir.resolve("bad.libsvm"), "0 1:1 4:1\n" + line + "\n");
    DataFileException e = assertThrows(DataFileException.class,
        () -> loader.load(spec(file).withClasses(3), new BlockPlan(4, 2)));
    assertTrue(e.getMessage().startsWith("file:" + file + expected), e.getMessage());
  }

  private static DataSpec spec(Path file) {
    return DataSpec.of(file.toString(), DataFormat.LIBSVM);
  }
}
