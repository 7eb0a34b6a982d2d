package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.Shape;
import org.sparknn.worker.StepContext;

/** Max pooling through {@link MaxPoolKernel}. */
final class ClMaxPool implements ClLayer {
  private final float[] x, y, dy, dx;
  private final boolean hasDx;
  private final int[] argmax;
  private final MaxPoolKernel kernel;

  ClMaxPool(OpenCLDevice d, Shape in, Shape out, LayerSpec.MaxPool2D spec, int maxRows, Wires wires) {
    this.x = wires.x();
    this.y = wires.y();
    this.dy = wires.dy();
    this.hasDx = wires.dx() != null;
    this.dx = hasDx ? wires.dx() : new float[1];
    this.argmax = new int[maxRows * out.size()];
    this.kernel = new MaxPoolKernel(d, x, y, argmax, dy, dx).geometry(in.channels(),
        in.height(), in.width(), out.height(), out.width(), spec.size(), spec.stride());
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    kernel.put(x);
    kernel.forward(rows);
    kernel.get(y).get(argmax); // argmax too: see DeviceKernel on why nothing may live only on the device
  }

  @Override
  public void backward(int rows) {
    if (!hasDx) return;
    kernel.put(dy);
    kernel.backward(rows);
    kernel.get(dx);
  }

  @Override
  public void close() {
    kernel.release();
  }
}
