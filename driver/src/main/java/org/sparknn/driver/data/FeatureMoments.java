package org.sparknn.driver.data;

import org.sparknn.data.Block;

/**
 * Per-feature count, mean and sum of squared deviations ({@code m2}) of a set of samples, merged with Chan et al.'s
 * parallel update (Chan, Golub &amp; LeVeque 1979): for parts a and b with {@code d = mean_b - mean_a},
 * {@code mean = mean_a + d n_b / n} and {@code m2 = m2_a + m2_b + d^2 n_a n_b / n}. Unlike sums of squares this
 * does not cancel when the mean is large against the spread. Public for Kryo (partial results cross the wire);
 * serializable because the aggregation's zero value travels inside the task closure.
 *
 * <p>{@link #plus} and {@link #merge} update this value's arrays in place and return a record that shares them,
 * which Spark's aggregate allows for its accumulator and which saves two arrays per block.
 */
public record FeatureMoments(long count, double[] mean, double[] m2) implements java.io.Serializable {
  static FeatureMoments zero(int features) {
    return new FeatureMoments(0, new double[features], new double[features]);
  }

  /** Adds a block's samples. */
  FeatureMoments plus(Block b) {
    int n = b.rows();
    if (n == 0) return this;
    int f = mean.length;
    double[] blockMean = new double[f];
    double[] blockM2 = new double[f];
    float[] x = b.x();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < f; j++) blockMean[j] += x[r * f + j];
    }
    for (int j = 0; j < f; j++) blockMean[j] /= n;
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < f; j++) {
        double d = x[r * f + j] - blockMean[j];
        blockM2[j] += d * d;
      }
    }
    return merge(new FeatureMoments(n, blockMean, blockM2));
  }

  /** Combines with {@code o}'s samples. */
  FeatureMoments merge(FeatureMoments o) {
    if (o.count == 0) return this;
    if (count == 0) return o;
    long n = count + o.count;
    for (int j = 0; j < mean.length; j++) {
      double d = o.mean[j] - mean[j];
      mean[j] += d * o.count / n;
      m2[j] += o.m2[j] + d * d * count * o.count / n;
    }
    return new FeatureMoments(n, mean, m2);
  }
}
