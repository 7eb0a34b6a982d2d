package org.sparknn.spec;

/** Argument checks that fail with a {@link SpecException} naming the key and the expected range. */
public final class Require {
  private Require() {}

  public static int positive(String key, int value) {
    if (value <= 0) throw new SpecException(key, "expected a positive integer, got " + value);
    return value;
  }

  public static int nonNegative(String key, int value) {
    if (value < 0) throw new SpecException(key, "expected an integer >= 0, got " + value);
    return value;
  }

  public static long positive(String key, long value) {
    if (value <= 0) throw new SpecException(key, "expected a positive integer, got " + value);
    return value;
  }

  public static float positive(String key, float value) {
    if (!(value > 0) || Float.isInfinite(value)) throw new SpecException(key, "expected a finite number > 0, got " + value);
    return value;
  }

  public static float nonNegative(String key, float value) {
    if (!(value >= 0) || Float.isInfinite(value)) throw new SpecException(key, "expected a finite number >= 0, got " + value);
    return value;
  }

  /** {@code value} in [low, high) — the usual range for rates and decay factors. */
  public static float inHalfOpen(String key, float value, float low, float high) {
    if (!(value >= low && value < high)) {
      throw new SpecException(key, "expected a number in [" + low + ", " + high + "), got " + value);
    }
    return value;
  }

  /** {@code value} in (low, high]. */
  public static float inOpenClosed(String key, float value, float low, float high) {
    if (!(value > low && value <= high)) {
      throw new SpecException(key, "expected a number in (" + low + ", " + high + "], got " + value);
    }
    return value;
  }
}
