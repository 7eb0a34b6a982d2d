package org.sparknn.optim;

/**
 * An optimizer's mutable state: the number of updates applied so far and its per-parameter slots, laid out as
 * {@code slotCount} consecutive blocks of {@code size} floats in one array (Adam: m then v), in the parameter layout.
 * One array makes averaging, broadcast and checkpointing one operation each.
 */
public final class OptState {
  private long step;
  private final int size;
  private final float[] slots;

  public OptState(long step, int size, float[] slots) {
    if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
    if (size < 0 || slots.length % Math.max(size, 1) != 0) {
      throw new IllegalArgumentException("slots length " + slots.length + " is not a multiple of size " + size);
    }
    this.step = step;
    this.size = size;
    this.slots = slots;
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

  public float[] slots() {
    return slots;
  }

  /** Number of per-parameter slot blocks. */
  public int slotCount() {
    return size == 0 ? 0 : slots.length / size;
  }

  /** Offset in {@link #slots()} where slot block {@code k} starts. */
  public int slotOffset(int k) {
    return k * size;
  }

  public OptState copy() {
    return new OptState(step, size, slots.clone());
  }
}
