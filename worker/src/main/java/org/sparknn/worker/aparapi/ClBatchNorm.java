package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.Slice;
import org.sparknn.worker.StepContext;

/**
 * Batch normalization per channel (the CPU BatchNormLayer's formulas): statistics, normalization and the two
 * backward passes are kernels; gamma and beta live in one array {@code gb} (gamma then beta), the running mean and
 * variance in {@code running} (mean then variance), both copied from and to the flat vectors.
 */
final class ClBatchNorm implements ClLayer {
  private final int channels, size;
  private final int gammaOff, betaOff, meanOff, varOff;
  private final float[] x, y, dy, dx;
  private final boolean hasDx;
  private final float[] gb, dgb, running, mean, invStd, xhat, sumDy, sumDyXhat;
  private final BatchNormStatsKernel stats;
  private final BatchNormApplyKernel apply;
  private final BatchNormGradKernel grad;
  private long generation;
  private boolean trained; // the last forward updated the running statistics

  ClBatchNorm(OpenCLDevice d, Shape in, LayerSpec.BatchNorm spec, Slice gamma, Slice beta, Slice runningMean,
      Slice runningVar, int maxRows, Wires wires) {
    this.channels = in.channels();
    int area = in.height() * in.width();
    this.size = in.size();
    this.gammaOff = gamma.offset();
    this.betaOff = beta.offset();
    this.meanOff = runningMean.offset();
    this.varOff = runningVar.offset();
    this.x = wires.x();
    this.y = wires.y();
    this.dy = wires.dy();
    this.hasDx = wires.dx() != null;
    this.dx = hasDx ? wires.dx() : new float[1];
    this.gb = new float[2 * channels];
    this.dgb = new float[2 * channels];
    this.running = new float[2 * channels];
    this.mean = new float[channels];
    this.invStd = new float[channels];
    this.xhat = new float[maxRows * size];
    this.sumDy = new float[channels];
    this.sumDyXhat = new float[channels];
    this.stats = new BatchNormStatsKernel(d, x, running, mean, invStd)
        .layer(channels, area, spec.momentum(), spec.eps(), 0, channels);
    this.apply = new BatchNormApplyKernel(d, x, y, xhat, gb, mean, invStd).layer(channels, area, 0, channels);
    this.grad = new BatchNormGradKernel(d, dy, xhat, dx, gb, dgb, invStd, sumDy, sumDyXhat)
        .layer(channels, area, 0, channels);
  }

  @Override
  public void load(float[] params, float[] buffers, long generation) {
    System.arraycopy(params, gammaOff, gb, 0, channels);
    System.arraycopy(params, betaOff, gb, channels, channels);
    System.arraycopy(buffers, meanOff, running, 0, channels);
    System.arraycopy(buffers, varOff, running, channels, channels);
    this.generation = generation;
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    trained = training && rows > 0;
    if (rows == 0) return;
    stats.put(x).put(running);
    stats.compute(rows, training);
    stats.get(mean).get(invStd).get(running);
    apply.put(x).put(mean).put(invStd);
    apply.putParams(gb, generation);
    apply.apply(rows * size);
    apply.get(y).get(xhat);
  }

  @Override
  public void backward(int rows) {
    if (rows == 0) return;
    grad.put(dy).put(xhat).put(invStd);
    grad.putParams(gb, generation);
    grad.sums(rows);
    grad.get(dgb).get(sumDy).get(sumDyXhat); // the sums too: see DeviceKernel on device-only data
    if (hasDx) {
      grad.inputGradient(rows);
      grad.get(dx);
    }
  }

  @Override
  public void storeGrads(float[] grads) {
    System.arraycopy(dgb, 0, grads, gammaOff, channels);
    System.arraycopy(dgb, channels, grads, betaOff, channels);
  }

  @Override
  public void storeBuffers(float[] buffers) {
    if (!trained) return;
    System.arraycopy(running, 0, buffers, meanOff, channels);
    System.arraycopy(running, channels, buffers, varOff, channels);
  }

  @Override
  public void close() {
    stats.release();
    apply.release();
    grad.release();
  }
}
