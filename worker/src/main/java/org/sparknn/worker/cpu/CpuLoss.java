package org.sparknn.worker.cpu;

import org.sparknn.spec.LossKind;

/**
 * Per-sample losses on the network's raw output z (see {@link LossKind} for the formulas), their gradients, and
 * prediction counts. Softmax cross-entropy: dz = softmax(z) - onehot(label). Sigmoid cross-entropy, computed from
 * logits as max(z,0) - z t + log(1 + e^-|z|) to stay finite: dz = sigmoid(z) - t. Squared error: dz = 2 (z - t) / k.
 */
public final class CpuLoss {
  private final LossKind kind;
  private final int width;
  private final float[] probs;

  public CpuLoss(LossKind kind, int width) {
    this.kind = kind;
    this.width = width;
    this.probs = new float[width];
  }

  /** Loss sum over the rows; writes dLoss/dz into {@code dz} when it is not null. */
  public double lossAndGradient(float[] z, float[] labels, int rows, float[] dz) {
    double sum = 0;
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      switch (kind) {
        case SOFTMAX_CROSS_ENTROPY -> {
          int label = classIndex(labels[r], r);
          double lse = Softmax.row(z, o, probs, 0, width);
          sum += lse - z[o + label];
          if (dz != null) {
            for (int j = 0; j < width; j++) dz[o + j] = probs[j];
            dz[o + label] -= 1f;
          }
        }
        case SIGMOID_BINARY_CROSS_ENTROPY -> {
          for (int j = 0; j < width; j++) {
            float v = z[o + j];
            float t = labels[o + j];
            sum += Math.max(v, 0f) - v * t + Math.log1p(Math.exp(-Math.abs(v)));
            if (dz != null) dz[o + j] = (float) (1.0 / (1.0 + Math.exp(-v))) - t;
          }
        }
        case MEAN_SQUARED_ERROR -> {
          double s = 0;
          for (int j = 0; j < width; j++) {
            float d = z[o + j] - labels[o + j];
            s += (double) d * d;
            if (dz != null) dz[o + j] = 2f * d / width;
          }
          sum += s / width;
        }
      }
    }
    return sum;
  }

  /** Correct predictions among the rows: argmax for classes (or one-hot targets), threshold 0.5 for binary. */
  public long correct(float[] z, float[] labels, int rows) {
    long correct = 0;
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      switch (kind) {
        case SOFTMAX_CROSS_ENTROPY -> { if (argmax(z, o) == classIndex(labels[r], r)) correct++; }
        case SIGMOID_BINARY_CROSS_ENTROPY -> {
          for (int j = 0; j < width; j++) if ((z[o + j] > 0f) == (labels[o + j] > 0.5f)) correct++;
        }
        case MEAN_SQUARED_ERROR -> { if (width > 1 && argmax(z, o) == argmax(labels, o)) correct++; }
      }
    }
    return correct;
  }

  /** How many predictions {@link #correct} judges for {@code rows} rows. */
  public long judged(int rows) {
    return switch (kind) {
      case SOFTMAX_CROSS_ENTROPY -> rows;
      case SIGMOID_BINARY_CROSS_ENTROPY -> (long) rows * width;
      case MEAN_SQUARED_ERROR -> width > 1 ? rows : 0;
    };
  }

  /** Turns raw outputs into what {@code predict} reports, in place. */
  public void toPrediction(float[] z, int rows) {
    for (int r = 0; r < rows; r++) {
      int o = r * width;
      switch (kind) {
        case SOFTMAX_CROSS_ENTROPY -> Softmax.row(z, o, z, o, width);
        case SIGMOID_BINARY_CROSS_ENTROPY -> {
          for (int j = 0; j < width; j++) z[o + j] = (float) (1.0 / (1.0 + Math.exp(-z[o + j])));
        }
        case MEAN_SQUARED_ERROR -> { }
      }
    }
  }

  private int classIndex(float label, int row) {
    int c = (int) label;
    if (c != label || c < 0 || c >= width) {
      throw new IllegalArgumentException("row " + row + ": label " + label + " is not a class index in [0, "
          + width + ")");
    }
    return c;
  }

  private int argmax(float[] v, int o) {
    int best = 0;
    for (int j = 1; j < width; j++) if (v[o + j] > v[o + best]) best = j;
    return best;
  }
}
