package org.sparknn.driver.data;

import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparknn.data.Block;
import scala.Tuple2;

/**
 * Lays a freshly read data set out for training. The source (blocks in data set order, partitioned however the
 * format allowed: one partition for IDX, one per file split for text) is cached and counted once; then the last
 * {@code validationFraction} of the samples is split off, the way single-process training splits, and each part is
 * spread over the plan's partitions as contiguous, equal row ranges in blocks of exactly {@code blockRows}.
 *
 * <p>Why a sorted shuffle rather than {@code repartition}: {@code repartition} deals rows round-robin and their order
 * within a partition depends on which shuffle block arrives first, so a recomputed partition could differ.
 * Keying every piece by its data set row and sorting makes content and order a function of the input alone, and
 * splitting before spreading keeps the training partitions balanced.
 */
public final class BlockLayout {
  /** Pass as {@code classes} to take the largest label + 1 (IDX, whose labels are always class indices). */
  public static final int INFER_CLASSES = -1;
  private static final StorageLevel CACHED = StorageLevel.MEMORY_AND_DISK_SER();

  private BlockLayout() {}

  /**
   * Reads {@code source} once and returns the cached training and validation sets; {@code name} names the data in
   * messages. The source is unpersisted before returning; the results are cached and already computed.
   */
  public static SplitBlocks distribute(JavaRDD<Block> source, String name, BlockPlan plan, float validationFraction,
      int classes) throws IOException {
    if (!(validationFraction >= 0 && validationFraction < 1)) {
      throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + validationFraction);
    }
    source.persist(CACHED);
    try {
      List<PartitionSummary> parts = SparkJobs.run(() -> source.mapPartitions(PartitionSummary::of).collect());
      long[] starts = new long[parts.size() + 1];
      PartitionSummary shape = PartitionSummary.EMPTY;
      float maxLabel = Float.NEGATIVE_INFINITY;
      for (int i = 0; i < parts.size(); i++) {
        PartitionSummary p = parts.get(i);
        starts[i + 1] = starts[i] + p.rows();
        if (p.rows() > 0) shape = p;
        maxLabel = Math.max(maxLabel, p.maxLabel());
      }
      long samples = starts[parts.size()];
      if (samples == 0) throw new DataFileException(name, 0, "no samples");
      long held = Math.round(samples * (double) validationFraction);
      long kept = samples - held;
      if (kept == 0) {
        throw new IllegalArgumentException("validation fraction " + validationFraction + " of " + samples
            + " samples in " + name + " leaves none for training");
      }
      int classCount = classes == INFER_CLASSES ? (int) maxLabel + 1 : classes;
      Shape s = new Shape(plan.blockRows(), shape.features(), shape.labelWidth(), classCount);
      BlockSet train = arrange(source, starts, new RowRanges(0, kept, plan.partitions()), s, name + " (training)");
      BlockSet validation = held == 0 ? null
          : arrange(source, starts, new RowRanges(kept, samples, plan.partitions()), s, name + " (validation)");
      return new SplitBlocks(train, validation);
    } finally {
      source.unpersist(false);
    }
  }

  /** What every target block looks like (driver side only: closures copy its fields, not it). */
  private record Shape(int blockRows, int features, int labelWidth, int classes) {}

  private static BlockSet arrange(JavaRDD<Block> source, long[] starts, RowRanges ranges, Shape shape, String name)
      throws IOException {
    JavaRDD<Tuple2<Long, Block>> pieces = source.mapPartitionsWithIndex((i, blocks) ->
        starts[i] >= ranges.bound(ranges.numPartitions()) || starts[i + 1] <= ranges.bound(0)
            ? Collections.emptyIterator() : new BlockPieces(blocks, starts[i], ranges), true);
    int blockRows = shape.blockRows();
    int features = shape.features();
    int labelWidth = shape.labelWidth();
    JavaRDD<Block> blocks = JavaPairRDD.fromJavaRDD(pieces)
        .repartitionAndSortWithinPartitions(ranges)
        .mapPartitionsWithIndex((p, sorted) -> new ReBlocker(sorted, ranges.bound(p), ranges.rows(p), blockRows,
            features, labelWidth), true);
    blocks.setName(name).persist(CACHED);
    SparkJobs.run(() -> {
      blocks.foreachPartition(it -> it.forEachRemaining(b -> {}));
      return null;
    });
    long[] rows = new long[ranges.numPartitions()];
    for (int p = 0; p < rows.length; p++) rows[p] = ranges.rows(p);
    return new BlockSet(blocks, ranges.bound(rows.length) - ranges.bound(0), shape.features(), shape.classes(), rows);
  }
}
