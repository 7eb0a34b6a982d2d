package org.sparknn.driver.data;

import org.apache.spark.api.java.JavaRDD;
import org.sparknn.data.Block;

/**
 * A loaded data set on the cluster: blocks cached Kryo-serialized in memory and on disk, with what the driver needs
 * to plan work without another job: the sample count, the samples in each partition (partition {@code p} holds the
 * samples after those of partitions {@code 0..p-1}, in data set order), the feature count and the class count
 * (0 when labels are not class indices). Call {@link #unpersist} when done with it.
 */
public record BlockSet(JavaRDD<Block> blocks, long samples, int features, int classes, long[] partitionRows) {
  public BlockSet {
    partitionRows = partitionRows.clone();
    if (blocks.getNumPartitions() != partitionRows.length) {
      throw new IllegalArgumentException(blocks.getNumPartitions() + " partitions but " + partitionRows.length
          + " partition sizes");
    }
  }

  public int partitions() {
    return partitionRows.length;
  }

  @Override
  public long[] partitionRows() {
    return partitionRows.clone();
  }

  /** Frees the cached blocks (asynchronously). */
  public void unpersist() {
    blocks.unpersist(false);
  }
}
