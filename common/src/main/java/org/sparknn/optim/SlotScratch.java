package org.sparknn.optim;

/**
 * A per-thread float buffer for update loops that read two slot blocks of one state array. C2 (Java 17) vectorizes
 * a loop only when every array index is the loop variable plus the same invariant; {@code s[m + i]} next to
 * {@code s[v + i]} is not, and the loop stays scalar (about 4x slower for Adam). Copying one block here first makes
 * every index plain {@code i}. Thread-local because an {@link Optimizer} may serve many threads; it keeps the
 * largest size asked for on each thread.
 */
final class SlotScratch {
  private static final ThreadLocal<float[]> BUFFER = ThreadLocal.withInitial(() -> new float[0]);

  private SlotScratch() {}

  /** This thread's buffer, at least {@code size} long; its contents are whatever the last user left. */
  static float[] atLeast(int size) {
    float[] b = BUFFER.get();
    if (b.length < size) {
      b = new float[size];
      BUFFER.set(b);
    }
    return b;
  }
}
