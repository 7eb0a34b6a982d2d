package org.sparknn.driver.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.data.Block;
import org.sparknn.driver.LocalSpark;

/** Layout of an uneven source: sample i has the single feature i and label i mod 7. */
class BlockLayoutTest {
  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(2);
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest(name = "{0} samples, {1} partitions, blocks of {2}, validation {3}")
  @CsvSource({"100,4,7,0", "100,3,10,0.1", "101,7,5,0.25", "5,8,2,0", "5,8,2,0.4", "1,1,1,0", "57,1,64,0.5"})
  void partitionsAreBalancedContiguousAndExactlyBlocked(int samples, int partitions, int blockRows,
      float fraction) throws IOException {
    SplitBlocks split = BlockLayout.distribute(source(samples), "test", new BlockPlan(blockRows, partitions),
        fraction, 0);
    long held = Math.round(samples * (double) fraction);
    check(split.train(), 0, samples - held, partitions, blockRows);
    if (held == 0) {
      assertNull(split.validation());
    } else {
      check(split.validation(), samples - held, held, partitions, blockRows);
    }
  }

  @Test
  void theSameInputGivesTheSameLayout() throws IOException {
    Collected a = Collected.of(BlockLayout.distribute(source(300), "a", new BlockPlan(16, 5), 0.2f, 0).train());
    Collected b = Collected.of(BlockLayout.distribute(source(300), "b", new BlockPlan(16, 5), 0.2f, 0).train());
    assertEquals(a.rowsPerPartition(), b.rowsPerPartition());
    IdxSourceTest.assertSameRows(a.joined(), b.joined());
  }

  @Test
  void classesAreInferredWhenAsked() throws IOException {
    assertEquals(7, BlockLayout.distribute(source(30), "t", new BlockPlan(4, 2), 0, BlockLayout.INFER_CLASSES)
        .train().classes());
    assertEquals(0, BlockLayout.distribute(source(30), "t", new BlockPlan(4, 2), 0, 0).train().classes());
  }

  @Test
  void emptyDataAndAllValidationAreRejected() {
    DataFileException empty = assertThrows(DataFileException.class,
        () -> BlockLayout.distribute(source(0), "empty.csv", new BlockPlan(4, 2), 0, 0));
    assertEquals("empty.csv: no samples", empty.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> BlockLayout.distribute(source(1), "one.csv", new BlockPlan(4, 2), 0.6f, 0));
    assertTrue(none.getMessage().contains("leaves none for training"), none.getMessage());
  }

  @Test
  void rowRangesFindTheRightPartition() {
    RowRanges r = new RowRanges(10, 15, 4); // 5 rows, 4 partitions: bounds 10, 11, 12, 13, 15
    assertArrayEquals(new long[] {1, 1, 1, 2}, new long[] {r.rows(0), r.rows(1), r.rows(2), r.rows(3)});
    assertArrayEquals(new int[] {0, 1, 2, 3, 3},
        new int[] {r.getPartition(10L), r.getPartition(11L), r.getPartition(12L), r.getPartition(13L),
            r.getPartition(14L)});
    RowRanges sparse = new RowRanges(0, 2, 5); // bounds 0, 0, 0, 1, 1, 2: partitions 0, 1 and 3 are empty
    assertEquals(2, sparse.getPartition(0L));
    assertEquals(4, sparse.getPartition(1L));
    assertThrows(IllegalArgumentException.class, () -> sparse.getPartition(2L));
  }

  private static void check(BlockSet set, long first, long count, int partitions, int blockRows) {
    assertEquals(count, set.samples());
    assertEquals(partitions, set.partitions());
    Collected got = Collected.of(set);
    long[] rows = set.partitionRows();
    long next = first;
    for (int p = 0; p < partitions; p++) {
      assertEquals(count * (p + 1) / partitions - count * p / partitions, rows[p], "rows of partition " + p);
      assertEquals((int) rows[p], got.rowsPerPartition().get(p), "collected rows of partition " + p);
      List<Block> blocks = got.partitions().get(p);
      for (int i = 0; i < blocks.size(); i++) {
        Block b = blocks.get(i);
        assertEquals(i < blocks.size() - 1 ? blockRows : (int) (rows[p] - (long) blockRows * i), b.rows(),
            "block " + i + " of partition " + p);
        for (int r = 0; r < b.rows(); r++, next++) {
          assertEquals(next, b.x()[r], "sample order");
          assertEquals(next % 7, b.y()[r], "label of sample " + next);
        }
      }
    }
    assertEquals(first + count, next);
    set.unpersist();
  }

  /**
   * Source partitions of uneven sizes with uneven blocks, in sample order: partition k holds up to three blocks of
   * 2^(k+1) - 1 samples; once the data runs out, the rest are empty (there are always at least two partitions).
   */
  private static JavaRDD<Block> source(int samples) {
    List<int[]> ranges = new ArrayList<>(); // {first sample, end, block size}
    int i = 0;
    for (int size = 1; i < samples || ranges.size() < 2; size = size * 2 + 1) {
      int end = Math.min(samples, i + size * 3);
      ranges.add(new int[] {i, end, size});
      i = end;
    }
    return sc.parallelize(ranges, ranges.size()).flatMap(r -> {
      List<Block> blocks = new ArrayList<>();
      for (int from = r[0]; from < r[1]; from += r[2]) {
        int n = Math.min(r[1] - from, r[2]);
        float[] x = new float[n];
        float[] y = new float[n];
        for (int k = 0; k < n; k++) {
          x[k] = from + k;
          y[k] = (from + k) % 7;
        }
        blocks.add(new Block(n, 1, 1, x, y));
      }
      return blocks.iterator();
    });
  }
}
