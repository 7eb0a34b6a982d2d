package org.sparknn.worker.cpu;

/** Numerically stable softmax of one row (the maximum is subtracted before exponentiating). */
final class Softmax {
  private Softmax() {}

  /**
   * y[yo..yo+width) = softmax(x[xo..xo+width)) (x and y may be the same row); returns the row's log-sum-exp,
   * log(sum exp(x - max)) + max.
   */
  static double row(float[] x, int xo, float[] y, int yo, int width) {
    float max = Float.NEGATIVE_INFINITY;
    for (int j = 0; j < width; j++) max = Math.max(max, x[xo + j]);
    double sum = 0;
    for (int j = 0; j < width; j++) {
      double e = Math.exp(x[xo + j] - max);
      y[yo + j] = (float) e;
      sum += e;
    }
    float inv = (float) (1.0 / sum);
    for (int j = 0; j < width; j++) y[yo + j] *= inv;
    return Math.log(sum) + max;
  }
}
