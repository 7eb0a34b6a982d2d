package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.tensor.Slice;
import org.sparknn.worker.StepContext;

/** y = x W + b; backward dW = x^T dY, db = column sums of dY, dX = dY W^T (as the CPU DenseLayer). */
final class ClDense implements ClLayer {
  private final int in, out, wOff, bOff;
  private final float[] x, y, dy, dx;
  private final float[] w, b, dw, db;
  private final MatMulKernel forward, weightGrad, inputGrad;
  private final ChannelAddKernel bias;
  private final ChannelSumKernel biasGrad;
  private long generation;

  ClDense(OpenCLDevice d, int in, int out, Slice weight, Slice biasSlice, Wires wires) {
    this.in = in;
    this.out = out;
    this.wOff = weight.offset();
    this.bOff = biasSlice.offset();
    this.x = wires.x();
    this.y = wires.y();
    this.dy = wires.dy();
    this.dx = wires.dx();
    this.w = new float[in * out];
    this.b = new float[out];
    this.dw = new float[in * out];
    this.db = new float[out];
    this.forward = new MatMulKernel(d, x, w, y);
    this.bias = new ChannelAddKernel(d, y, b);
    this.weightGrad = new MatMulKernel(d, x, dy, dw);
    this.biasGrad = new ChannelSumKernel(d, dy, db);
    this.inputGrad = dx == null ? null : new MatMulKernel(d, dy, w, dx);
  }

  @Override
  public void load(float[] params, float[] buffers, long generation) {
    System.arraycopy(params, wOff, w, 0, w.length);
    System.arraycopy(params, bOff, b, 0, b.length);
    this.generation = generation;
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    forward.put(x);
    forward.putParams(w, generation);
    forward.shape(false, false, rows, out, in, 0, in, 0, out, 0, out, false).multiply();
    forward.get(y);
    bias.put(y);
    bias.putParams(b, generation);
    bias.add(0, 1, out, rows * out);
    bias.get(y);
  }

  @Override
  public void backward(int rows) {
    weightGrad.put(x).put(dy);
    weightGrad.shape(true, false, in, out, rows, 0, in, 0, out, 0, out, false).multiply();
    weightGrad.get(dw);
    biasGrad.put(dy);
    biasGrad.sum(0, out, rows, 1, out);
    biasGrad.get(db);
    if (inputGrad != null) {
      inputGrad.put(dy);
      inputGrad.putParams(w, generation);
      inputGrad.shape(false, true, rows, in, out, 0, out, 0, out, 0, in, false).multiply();
      inputGrad.get(dx);
    }
  }

  @Override
  public void storeGrads(float[] grads) {
    System.arraycopy(dw, 0, grads, wOff, dw.length);
    System.arraycopy(db, 0, grads, bOff, db.length);
  }

  @Override
  public void close() {
    forward.release();
    bias.release();
    weightGrad.release();
    biasGrad.release();
    if (inputGrad != null) inputGrad.release();
  }
}
