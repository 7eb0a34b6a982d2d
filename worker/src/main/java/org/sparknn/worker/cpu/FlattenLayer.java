package org.sparknn.worker.cpu;

/** CHW to a flat vector: the memory layout is unchanged, so values are copied through. */
final class FlattenLayer implements CpuLayer {
  private final int width;

  FlattenLayer(int width) {
    this.width = width;
  }

  @Override
  public void forward(float[] x, float[] y, int rows, LayerContext ctx) {
    System.arraycopy(x, 0, y, 0, rows * width);
  }

  @Override
  public void backward(float[] x, float[] y, float[] dY, float[] dX, int rows, LayerContext ctx) {
    if (dX != null) System.arraycopy(dY, 0, dX, 0, rows * width);
  }
}
