package org.sparknn.worker.cpu;

import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.Slice;

/**
 * Batch normalization (Ioffe &amp; Szegedy 2015) per channel c, over the m = rows * H * W values of that channel
 * (for a vector, H = W = 1: per feature over the batch).
 *
 * <p>Training: mu = mean(x), var = mean((x - mu)^2) (biased), xhat = (x - mu) / sqrt(var + eps),
 * y = gamma xhat + beta; then running = (1 - momentum) running + momentum batch, with the unbiased variance
 * var * m / (m - 1) for the running variance, as PyTorch (the biased one when m = 1, where PyTorch refuses).
 * Inference: the same affine map with the running mean and variance.
 *
 * <p>Backward (training mode, batch statistics depend on x): dgamma += sum(dy xhat), dbeta += sum(dy),
 * dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat mean(dy xhat)). Sums are accumulated in double.
 */
final class BatchNormLayer implements CpuLayer {
  private final int channels;
  private final int area;   // H * W: consecutive values of one channel within a sample
  private final int size;   // C * H * W
  private final float momentum;
  private final float eps;
  private final int gamma, beta, runningMean, runningVar; // offsets into params / buffers
  private final float[] xhat;     // training forward's normalized input, for backward
  private final double[] invStd;  // per channel 1 / sqrt(var + eps) of the last training forward

  BatchNormLayer(Shape in, LayerSpec.BatchNorm spec, Slice gamma, Slice beta, Slice runningMean, Slice runningVar,
      int maxRows) {
    this.channels = in.channels();
    this.area = in.height() * in.width();
    this.size = in.size();
    this.momentum = spec.momentum();
    this.eps = spec.eps();
    this.gamma = gamma.offset();
    this.beta = beta.offset();
    this.runningMean = runningMean.offset();
    this.runningVar = runningVar.offset();
    this.xhat = new float[maxRows * size];
    this.invStd = new double[channels];
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    if (rows == 0) return; // no statistics to take, and nothing to normalize
    float[] p = ctx.params();
    float[] buf = ctx.buffers();
    long m = (long) rows * area;
    for (int c = 0; c < channels; c++) {
      double mean;
      double inv;
      if (ctx.training()) {
        double sum = 0;
        for (int r = 0; r < rows; r++) {
          for (int i = r * size + c * area, end = i + area; i < end; i++) sum += x[i];
        }
        mean = sum / m;
        double sq = 0; // second pass: var from squared deviations, no cancellation as in E[x^2] - mu^2
        for (int r = 0; r < rows; r++) {
          for (int i = r * size + c * area, end = i + area; i < end; i++) sq += (x[i] - mean) * (x[i] - mean);
        }
        double var = sq / m;
        inv = 1.0 / Math.sqrt(var + eps);
        invStd[c] = inv;
        double unbiased = m > 1 ? var * m / (m - 1) : var;
        buf[runningMean + c] = (float) ((1.0 - momentum) * buf[runningMean + c] + momentum * mean);
        buf[runningVar + c] = (float) ((1.0 - momentum) * buf[runningVar + c] + momentum * unbiased);
      } else {
        mean = buf[runningMean + c];
        inv = 1.0 / Math.sqrt(buf[runningVar + c] + (double) eps);
      }
      float g = p[gamma + c];
      float bt = p[beta + c];
      for (int r = 0; r < rows; r++) {
        for (int i = r * size + c * area, end = i + area; i < end; i++) {
          float h = (float) ((x[i] - mean) * inv);
          if (ctx.training()) xhat[i] = h;
          y[i] = g * h + bt;
        }
      }
    }
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    if (rows == 0) return;
    float[] p = ctx.params();
    float[] g = ctx.grads();
    long m = (long) rows * area;
    for (int c = 0; c < channels; c++) {
      double sumDy = 0;
      double sumDyXhat = 0;
      for (int r = 0; r < rows; r++) {
        for (int i = r * size + c * area, end = i + area; i < end; i++) {
          sumDy += dY[i];
          sumDyXhat += (double) dY[i] * xhat[i];
        }
      }
      g[gamma + c] += (float) sumDyXhat;
      g[beta + c] += (float) sumDy;
      if (dX == null) continue;
      double meanDy = sumDy / m;
      double meanDyXhat = sumDyXhat / m;
      double scale = p[gamma + c] * invStd[c];
      for (int r = 0; r < rows; r++) {
        for (int i = r * size + c * area, end = i + area; i < end; i++) {
          dX[i] = (float) (scale * (dY[i] - meanDy - xhat[i] * meanDyXhat));
        }
      }
    }
  }
}
