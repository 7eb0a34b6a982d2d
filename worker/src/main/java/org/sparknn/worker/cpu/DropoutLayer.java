package org.sparknn.worker.cpu;

import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.worker.StepContext;

/**
 * Inverted dropout: in training y = x * m / (1 - rate) with m ~ Bernoulli(1 - rate); at inference y = x. The mask
 * value for (row, j) is drawn from the stream keyed by (seed, epoch, layer) at counter sample * width + j, where
 * sample is the row's global index: a sample is visited once per epoch, and gets the same mask wherever it is
 * computed (one process, or any partition of a Spark job).
 */
final class DropoutLayer implements CpuLayer {
  private final int layer;
  private final int width;
  private final float rate;
  private final float scale;
  private final float[] mask;

  DropoutLayer(int layer, int width, float rate, int maxRows) {
    this.layer = layer;
    this.width = width;
    this.rate = rate;
    this.scale = 1f / (1f - rate);
    this.mask = new float[maxRows * width];
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    int n = rows * width;
    if (!ctx.training() || rate == 0f) {
      System.arraycopy(x, 0, y, 0, n);
      return;
    }
    StepContext s = ctx.step();
    long key = CounterRandom.key(s.seed(), RandomPurpose.DROPOUT, s.epoch(), layer);
    for (int r = 0; r < rows; r++) {
      long base = s.sampleId(r) * width;
      for (int j = 0, i = r * width; j < width; j++, i++) {
        mask[i] = CounterRandom.uniform(key, base + j) < rate ? 0f : scale;
        y[i] = x[i] * mask[i];
      }
    }
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    if (dX == null) return;
    int n = rows * width;
    if (rate == 0f) {
      System.arraycopy(dY, 0, dX, 0, n);
      return;
    }
    for (int i = 0; i < n; i++) dX[i] = dY[i] * mask[i];
  }
}
