package org.sparknn.worker.aparapi;

import com.aparapi.device.OpenCLDevice;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.worker.StepContext;

/** Inverted dropout with the CPU backend's counter-based masks. */
final class ClDropout implements ClLayer {
  private final int layer, width;
  private final float rate;
  private final Wires wires;
  private final float[] mask;
  private final DropoutKernel kernel;
  private boolean masked; // the last forward applied a mask (training, rate > 0)

  ClDropout(OpenCLDevice d, int layer, int width, float rate, int maxRows, Wires wires) {
    this.layer = layer;
    this.width = width;
    this.rate = rate;
    this.wires = wires;
    float[] dx = wires.dx() == null ? new float[1] : wires.dx();
    this.mask = new float[maxRows * width];
    this.kernel = new DropoutKernel(d, width, rate, wires.x(), wires.y(), mask, wires.dy(), dx, wires.sampleIds());
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    masked = training && rate > 0f;
    if (!masked) {
      System.arraycopy(wires.x(), 0, wires.y(), 0, rows * width);
      return;
    }
    kernel.put(wires.x()).put(wires.sampleIds());
    kernel.forward(CounterRandom.key(step.seed(), RandomPurpose.DROPOUT, step.epoch(), layer), rows * width);
    kernel.get(wires.y()).get(mask); // the mask too: see DeviceKernel on why nothing may live only on the device
  }

  @Override
  public void backward(int rows) {
    if (wires.dx() == null) return;
    if (!masked) {
      System.arraycopy(wires.dy(), 0, wires.dx(), 0, rows * width);
      return;
    }
    kernel.put(wires.dy());
    kernel.backward(rows * width);
    kernel.get(wires.dx());
  }

  @Override
  public void close() {
    kernel.release();
  }
}
