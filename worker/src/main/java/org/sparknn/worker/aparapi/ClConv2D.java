package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.Slice;
import org.sparknn.worker.StepContext;

/**
 * Conv2D through {@link Conv2DKernel}: x stays on the device from forward to backward (the same kernel reads it
 * for the weight gradient; its host copy is unchanged, so a buffer Aparapi rebuilds after a GC move gets the same
 * values), only dY crosses for backward. The bias gradient is a {@link ChannelSumKernel}.
 */
final class ClConv2D implements ClLayer {
  private final int filters, outArea, outSize, wOff, bOff, weights;
  private final float[] x, y, dy, dx;
  private final boolean hasDx;
  private final float[] wb, dw, db;
  private final Conv2DKernel conv;
  private final ChannelSumKernel biasGrad;
  private long generation;

  ClConv2D(OpenCLDevice d, Shape in, Shape out, LayerSpec.Conv2D spec, Slice weight, Slice bias, Wires wires) {
    this.filters = out.channels();
    this.outArea = out.height() * out.width();
    this.outSize = out.size();
    this.wOff = weight.offset();
    this.bOff = bias.offset();
    this.weights = weight.length();
    this.x = wires.x();
    this.y = wires.y();
    this.dy = wires.dy();
    this.hasDx = wires.dx() != null;
    this.dx = hasDx ? wires.dx() : new float[1];
    this.wb = new float[weights + filters];
    this.dw = new float[weights];
    this.db = new float[filters];
    this.conv = new Conv2DKernel(d, x, wb, y, dy, dw, dx).geometry(in.channels(), in.height(), in.width(), filters,
        out.height(), out.width(), spec.kernel(), spec.stride(), spec.padding());
    this.biasGrad = new ChannelSumKernel(d, dy, db);
  }

  @Override
  public void load(float[] params, float[] buffers, long generation) {
    System.arraycopy(params, wOff, wb, 0, weights);
    System.arraycopy(params, bOff, wb, weights, filters);
    this.generation = generation;
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    conv.put(x);
    conv.putParams(wb, generation);
    conv.forward(rows);
    conv.get(y);
  }

  @Override
  public void backward(int rows) {
    conv.put(dy); // x is still on the device from forward
    conv.weightGradient(rows);
    conv.get(dw);
    if (hasDx) {
      conv.inputGradient(rows);
      conv.get(dx);
    }
    biasGrad.put(dy);
    biasGrad.sum(0, filters, rows, outArea, outSize);
    biasGrad.get(db);
  }

  @Override
  public void storeGrads(float[] grads) {
    System.arraycopy(dw, 0, grads, wOff, weights);
    System.arraycopy(db, 0, grads, bOff, filters);
  }

  @Override
  public void close() {
    conv.release();
    biasGrad.release();
  }
}
