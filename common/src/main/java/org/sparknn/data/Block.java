package org.sparknn.data;

/**
 * Many samples in two flat arrays: {@code x} holds {@code rows} samples of {@code features} floats, row-major
 * (each sample CHW); {@code y} holds {@code labelWidth} floats per sample (a class index when the width is 1).
 * The arrays may be longer than needed (reused buffers); only the first {@code rows} samples count.
 */
public record Block(int rows, int features, int labelWidth, float[] x, float[] y) {
  public Block {
    if (rows < 0 || features <= 0 || labelWidth <= 0) {
      throw new IllegalArgumentException("block needs rows >= 0 and positive widths, got rows=" + rows
          + " features=" + features + " labelWidth=" + labelWidth);
    }
    if (x.length < (long) rows * features || y.length < (long) rows * labelWidth) {
      throw new IllegalArgumentException("block arrays too short for " + rows + " rows: x " + x.length
          + " (need " + (long) rows * features + "), y " + y.length + " (need " + (long) rows * labelWidth + ")");
    }
  }

  /** An empty-capacity-checked buffer block able to hold {@code capacity} rows. */
  public static Block allocate(int capacity, int features, int labelWidth) {
    return new Block(capacity, features, labelWidth, new float[capacity * features], new float[capacity * labelWidth]);
  }

  /** The same arrays seen with another row count (for the last, shorter batch of an epoch). */
  public Block withRows(int newRows) {
    return new Block(newRows, features, labelWidth, x, y);
  }

  /** Copies sample {@code row} of {@code source} into row {@code target} of this block. */
  public void copyRowFrom(Block source, int row, int target) {
    System.arraycopy(source.x, row * features, x, target * features, features);
    System.arraycopy(source.y, row * labelWidth, y, target * labelWidth, labelWidth);
  }

  /** A new block holding copies of rows [from, to). */
  public Block copyOfRows(int from, int to) {
    if (from < 0 || to > rows || from > to) {
      throw new IndexOutOfBoundsException("rows [" + from + ", " + to + ") of a block of " + rows);
    }
    float[] nx = java.util.Arrays.copyOfRange(x, from * features, to * features);
    float[] ny = java.util.Arrays.copyOfRange(y, from * labelWidth, to * labelWidth);
    return new Block(to - from, features, labelWidth, nx, ny);
  }

  /** Copies rows [start, start + count) into the front of {@code buffer}; returns the buffer seen with count rows. */
  public Block copyRowsInto(int start, int count, Block buffer) {
    System.arraycopy(x, start * features, buffer.x, 0, count * features);
    System.arraycopy(y, start * labelWidth, buffer.y, 0, count * labelWidth);
    return buffer.withRows(count);
  }
}
