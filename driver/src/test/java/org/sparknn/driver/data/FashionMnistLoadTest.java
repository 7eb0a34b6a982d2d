package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparknn.data.Block;
import org.sparknn.data.Dataset;
import org.sparknn.data.FashionMnist;
import org.sparknn.data.FeatureScaling;
import org.sparknn.driver.LocalSpark;
import org.sparknn.io.IdxDataset;

/** The real Fashion-MNIST training set through Spark, checked against the single-process loader. */
class FashionMnistLoadTest {
  private static final Path TRAIN = Path.of(FashionMnist.DEFAULT_DIR, FashionMnist.TRAIN_PREFIX);
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    assumeTrue(Files.isRegularFile(Path.of(TRAIN + "-images-idx3-ubyte.gz"))
        || Files.isRegularFile(Path.of(TRAIN + "-images-idx3-ubyte")),
        "Fashion-MNIST is not installed under " + FashionMnist.DEFAULT_DIR
            + " (apt-get install dataset-fashion-mnist, or scripts/setup.sh); skipping the real-data load test");
    spark = LocalSpark.start(4);
  }

  @AfterAll
  static void stop() {
    if (spark != null) spark.stop();
  }

  @Test
  void sixtyThousandSamplesInFourPartitionsMatchTheLocalLoader() throws IOException {
    DataSpec spec = DataSpec.of("file:" + TRAIN, DataFormat.IDX).withScaling(FeatureScaling.UNIT);
    BlockSet set = new DataLoader(spark).load(spec, new BlockPlan(1000, 4));
    assertEquals(60000, set.samples());
    assertEquals(4, set.partitions());
    assertEquals(4, set.blocks().getNumPartitions());
    assertArrayEquals(new long[] {15000, 15000, 15000, 15000}, set.partitionRows());
    assertEquals(FashionMnist.ROWS * FashionMnist.COLUMNS, set.features());
    assertEquals(FashionMnist.CLASS_NAMES.size(), set.classes());

    // Digests computed on the executors, compared with the same digests of the single-process load.
    List<long[]> remote = set.blocks().mapPartitions(blocks -> List.of(digest(blocks)).iterator()).collect();
    Dataset local = IdxDataset.loadPrefix(TRAIN, FeatureScaling.UNIT);
    for (int p = 0; p < 4; p++) {
      Block part = local.samples().copyOfRows(p * 15000, (p + 1) * 15000);
      assertArrayEquals(digest(List.of(part).iterator()), remote.get(p), "partition " + p);
    }
    long[] labelCounts = remote.stream().map(d -> Arrays.copyOfRange(d, 3, 13))
        .reduce(new long[10], FashionMnistLoadTest::add);
    for (int c = 0; c < 10; c++) assertEquals(6000, labelCounts[c], "samples of class " + c);
    set.unpersist();
  }

  @Test
  void validationSplitTakesTheLastTenthAndKeepsPartitionsBalanced() throws IOException {
    DataSpec spec = DataSpec.of(TRAIN.toString(), DataFormat.IDX).withScaling(FeatureScaling.UNIT);
    SplitBlocks split = new DataLoader(spark).load(spec, new BlockPlan(512, 4), 0.1f);
    assertEquals(54000, split.train().samples());
    assertArrayEquals(new long[] {13500, 13500, 13500, 13500}, split.train().partitionRows());
    assertEquals(6000, split.validation().samples());
    assertEquals(4, split.validation().partitions());
    split.train().unpersist();
    split.validation().unpersist();
  }

  /** rows, sum of feature bits, sum of label*row, then counts of labels 0..9. Order-sensitive through the row. */
  private static long[] digest(java.util.Iterator<Block> blocks) {
    long[] d = new long[13];
    while (blocks.hasNext()) {
      Block b = blocks.next();
      for (int r = 0; r < b.rows(); r++, d[0]++) {
        for (int j = 0; j < b.features(); j++) d[1] += (d[0] + 1) * Float.floatToIntBits(b.x()[r * b.features() + j]);
        d[2] += (d[0] + 1) * (long) b.y()[r];
        d[3 + (int) b.y()[r]]++;
      }
    }
    return d;
  }

  private static long[] add(long[] a, long[] b) {
    long[] s = a.clone();
    for (int i = 0; i < s.length; i++) s[i] += b[i];
    return s;
  }
}
