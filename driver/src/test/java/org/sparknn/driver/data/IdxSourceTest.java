package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.data.Block;
import org.sparknn.data.Dataset;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.LocalSpark;
import org.sparknn.io.IdxDataset;
import org.sparknn.io.IdxFormatException;

class IdxSourceTest {
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

  @ParameterizedTest(name = "gzip images {0}, gzip labels {1}")
  @CsvSource({"false,false", "true,true", "true,false"})
  void blocksHoldWhatIdxDatasetLoads(boolean gzipImages, boolean gzipLabels) throws IOException {
    IdxFiles.writePair(dir, "small", 23, 3, 2, 5, gzipImages, gzipLabels);
    BlockSet set = loader.load(spec("small").withScaling(FeatureScaling.UNIT), new BlockPlan(4, 3));
    Dataset expected = IdxDataset.loadPrefix(dir.resolve("small"), FeatureScaling.UNIT);

    assertEquals(23, set.samples());
    assertEquals(6, set.features());
    assertEquals(5, set.classes());
    assertEquals(3, set.partitions());
    assertArrayEquals(new long[] {7, 8, 8}, set.partitionRows());
    Collected got = Collected.of(set);
    assertEquals(List.of(7, 8, 8), got.rowsPerPartition());
    assertSameRows(expected.samples(), got.joined());
    for (List<Block> partition : got.partitions()) {
      for (int i = 0; i < partition.size(); i++) {
        int rows = partition.get(i).rows();
        assertTrue(i == partition.size() - 1 ? rows > 0 && rows <= 4 : rows == 4, "block sizes " + partition);
      }
    }
    set.unpersist();
  }

  @Test
  void fileUriAndPlainPathReadTheSame() throws IOException {
    IdxFiles.writePair(dir, "t", 10, 2, 2, 3, true, true);
    Block viaUri = Collected.of(loader.load(DataSpec.of(dir.toUri() + "t", DataFormat.IDX), new BlockPlan(3, 2))).joined();
    Block viaPath = Collected.of(loader.load(spec("t"), new BlockPlan(3, 2))).joined();
    assertSameRows(viaPath, viaUri);
  }

  @Test
  void missingFileNamesBothCandidates() throws IOException {
    IdxFiles.writePair(dir, "half", 4, 2, 2, 2, false, false);
    Files.delete(dir.resolve("half-labels-idx1-ubyte"));
    FileNotFoundException e = assertThrows(FileNotFoundException.class,
        () -> loader.load(spec("half"), new BlockPlan(2, 2)));
    assertTrue(e.getMessage().contains("half-labels-idx1-ubyte ") && e.getMessage().contains("half-labels-idx1-ubyte.gz"),
        e.getMessage());
  }

  @Test
  void corruptFileFailsWithTheReadersMessageNotASparkWrapper() throws IOException {
    IdxFiles.writePair(dir, "bad", 4, 2, 2, 2, false, false);
    Path images = dir.resolve("bad-images-idx3-ubyte");
    byte[] bytes = Files.readAllBytes(images);
    Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> loader.load(spec("bad"), new BlockPlan(2, 2)));
    assertTrue(e.getMessage().contains("bad-images-idx3-ubyte: truncated"), e.getMessage());
  }

  @Test
  void labelsBeyondTheGivenClassCountAreRejected() throws IOException {
    IdxFiles.writePair(dir, "many", 12, 2, 2, 6, false, false);
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> loader.load(spec("many").withClasses(4), new BlockPlan(2, 2)));
    assertTrue(e.getMessage().contains("many-labels-idx1-ubyte") && e.getMessage().contains("label 5"), e.getMessage());
  }

  private DataSpec spec(String prefix) {
    return DataSpec.of(dir.resolve(prefix).toString(), DataFormat.IDX);
  }

  static void assertSameRows(Block expected, Block actual) {
    assertEquals(expected.rows(), actual.rows(), "rows");
    assertEquals(expected.features(), actual.features(), "features");
    assertArrayEquals(java.util.Arrays.copyOf(expected.x(), expected.rows() * expected.features()),
        java.util.Arrays.copyOf(actual.x(), actual.rows() * actual.features()), "features");
    assertArrayEquals(java.util.Arrays.copyOf(expected.y(), expected.rows()),
        java.util.Arrays.copyOf(actual.y(), actual.rows()), "labels");
  }
}
