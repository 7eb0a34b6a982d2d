package org.sparknn.worker.aparapi;

import org.sparknn.worker.StepContext;

/** CHW to a vector: the layout does not change, so the host copies values through (no kernel needed). */
final class ClFlatten implements ClLayer {
  private final int width;
  private final Wires wires;

  ClFlatten(int width, Wires wires) {
    this.width = width;
    this.wires = wires;
  }

  @Override
  public void forward(int rows, boolean training, StepContext step) {
    System.arraycopy(wires.x(), 0, wires.y(), 0, rows * width);
  }

  @Override
  public void backward(int rows) {
    if (wires.dx() != null) System.arraycopy(wires.dy(), 0, wires.dx(), 0, rows * width);
  }

  @Override
  public void close() {}
}
