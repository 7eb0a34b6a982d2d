package org.sparknn.driver.data;

import java.io.IOException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparknn.data.Block;

/**
 * Per-feature standardization {@code x' = (x - mean) * scale} with {@code scale = 1 / std} (population standard
 * deviation, as scikit-learn's StandardScaler), and {@code scale = 1} for constant features so they become 0 rather
 * than NaN. Fit it on the training set (one tree aggregation over the cached blocks) and apply the same statistics
 * to validation and test data; a model trained on standardized inputs needs them again to predict.
 */
public record Standardization(float[] mean, float[] scale) {
  public Standardization {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException(mean.length + " means but " + scale.length + " scales");
    }
  }

  public static Standardization fit(BlockSet data) throws IOException {
    int features = data.features();
    FeatureMoments m = SparkJobs.run(() -> data.blocks().treeAggregate(FeatureMoments.zero(features),
        FeatureMoments::plus, FeatureMoments::merge));
    float[] mean = new float[features];
    float[] scale = new float[features];
    for (int j = 0; j < features; j++) {
      double std = Math.sqrt(m.m2()[j] / m.count());
      mean[j] = (float) m.mean()[j];
      scale[j] = std > 0 ? (float) (1 / std) : 1f;
    }
    return new Standardization(mean, scale);
  }

  /**
   * Standardizes every block of {@code data} into a new cached set, computed now, and unpersists {@code data}:
   * the result replaces its input.
   */
  public BlockSet apply(BlockSet data) throws IOException {
    if (data.features() != mean.length) {
      throw new IllegalArgumentException("data has " + data.features() + " features; statistics are for "
          + mean.length);
    }
    float[] m = mean;
    float[] s = scale;
    JavaRDD<Block> scaled = data.blocks().map(b -> standardize(b, m, s));
    scaled.setName(String.valueOf(data.blocks().name()) + " (standardized)").persist(StorageLevel.MEMORY_AND_DISK_SER());
    SparkJobs.run(() -> {
      scaled.foreachPartition(it -> it.forEachRemaining(b -> {}));
      return null;
    });
    data.unpersist();
    return new BlockSet(scaled, data.samples(), data.features(), data.classes(), data.partitionRows());
  }

  private static Block standardize(Block b, float[] mean, float[] scale) {
    int f = mean.length;
    float[] x = new float[b.rows() * f];
    float[] in = b.x();
    for (int r = 0; r < b.rows(); r++) {
      for (int j = 0; j < f; j++) x[r * f + j] = (in[r * f + j] - mean[j]) * scale[j];
    }
    return new Block(b.rows(), f, b.labelWidth(), x, java.util.Arrays.copyOf(b.y(), b.rows() * b.labelWidth()));
  }
}
