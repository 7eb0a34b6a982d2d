package org.sparknn.optim;

/**
 * An optimizer's mutable state: the number of updates applied so far and its per-parameter slots, {@code slotCount}
 * blocks of {@code size} floats in the parameter layout (Adam: m, then v). Each block is an array of its own, so an
 * update loop indexes every array with the same plain index, which C2 vectorizes; one flat array with m and v at
 * different offsets was not (Adam copied v out and back every update: a third more memory traffic). Averaging,
 * broadcast and checkpoints see the blocks one after the other ({@link #flatSlots()}, the flat constructor).
 */
public final class OptState {
  private long step;
  private final int size;
  private final float[][] blocks;

  /** State over {@code flat}: its consecutive blocks of {@code size} floats, copied. */
  public OptState(long step, int size, float[] flat) {
    this(step, size, split(size, flat));
  }

  /** State over these blocks, each {@code size} long; they are used, not copied. */
  public OptState(long step, int size, float[][] blocks) {
    if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
    if (size < 0) throw new IllegalArgumentException("size must be >= 0, got " + size);
    for (float[] b : blocks) {
      if (b.length != size) throw new IllegalArgumentException("slot block of " + b.length + " values, size " + size);
    }
    this.step = step;
    this.size = size;
    this.blocks = blocks;
  }

  private static float[][] split(int size, float[] flat) {
    if (size < 0 || flat.length % Math.max(size, 1) != 0) {
      throw new IllegalArgumentException("slots length " + flat.length + " is not a multiple of size " + size);
    }
    int count = size == 0 ? 0 : flat.length / size;
    float[][] out = new float[count][];
    for (int k = 0; k < count; k++) {
      out[k] = new float[size];
      System.arraycopy(flat, k * size, out[k], 0, size);
    }
    return out;
  }

  public long step() {
    return step;
  }

  /** Advances the step counter by one; called by optimizers once per update. */
  public void advance() {
    step++;
  }

  public int size() {
    return size;
  }

  /** Number of per-parameter slot blocks. */
  public int slotCount() {
    return blocks.length;
  }

  /** Slot block {@code k} itself (not a copy): optimizers update it in place. */
  public float[] slot(int k) {
    return blocks[k];
  }

  /** Values in all blocks: slotCount x size. */
  public int valueCount() {
    return blocks.length * size;
  }

  /** A new array with the blocks one after the other (what the wire, Kryo and checkpoints carry). */
  public float[] flatSlots() {
    float[] out = new float[valueCount()];
    copyFlatInto(out);
    return out;
  }

  /** Writes the blocks one after the other into {@code out} (at least {@link #valueCount()} long). */
  public void copyFlatInto(float[] out) {
    for (int k = 0; k < blocks.length; k++) System.arraycopy(blocks[k], 0, out, k * size, size);
  }

  /**
   * Sets every block from the first {@link #valueCount()} values of {@code flat}, block after block ({@code flat}
   * may be longer: a device buffer is never empty).
   */
  public void setFromFlat(float[] flat) {
    if (flat.length < valueCount()) {
      throw new IllegalArgumentException("expected at least " + valueCount() + " slot values, got " + flat.length);
    }
    for (int k = 0; k < blocks.length; k++) System.arraycopy(flat, k * size, blocks[k], 0, size);
  }

  /** A state at {@code step} sharing these blocks (its step counter is its own). */
  public OptState withStep(long step) {
    return new OptState(step, size, blocks);
  }

  public OptState copy() {
    float[][] c = new float[blocks.length][];
    for (int k = 0; k < blocks.length; k++) c[k] = blocks[k].clone();
    return new OptState(step, size, c);
  }
}
