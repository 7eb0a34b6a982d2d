package org.sparknn.random;

/**
 * Counter-based random numbers: value {@code i} of the stream {@code key} is a pure function of (key, i), so any
 * value can be recomputed anywhere (a retried Spark task, a resumed run) without replaying a generator. Keys are
 * derived from a seed and coordinates (purpose, epoch, step, sample...) by chaining the SplitMix64 finalizer
 * (Steele, Lea &amp; Flood 2014), which passes BigCrush when used this way. The clock is never read.
 */
public final class CounterRandom {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;

  private CounterRandom() {}

  /** A stream key from a seed and any number of coordinates; different coordinate lists give unrelated streams. */
  public static long key(long seed, RandomPurpose purpose, long... coordinates) {
    long k = mix(seed ^ GOLDEN);
    k = mix(k + GOLDEN * (purpose.ordinal() + 1));
    for (long c : coordinates) {
      k = mix(k + GOLDEN + c * 0xD1B54A32D192ED03L);
    }
    return k;
  }

  /** 64 random bits: value {@code counter} of stream {@code key}. */
  public static long bits(long key, long counter) {
    return mix(key + GOLDEN * (counter + 1));
  }

  /** A float uniform in [0, 1) with 24 random bits. */
  public static float uniform(long key, long counter) {
    return (bits(key, counter) >>> 40) * 0x1.0p-24f;
  }

  /** An integer uniform in [0, bound), by the multiply-high method (bias below 2^-32 for bound &lt; 2^31). */
  public static int below(long key, long counter, int bound) {
    if (bound <= 0) throw new IllegalArgumentException("bound must be positive, got " + bound);
    return (int) (((bits(key, counter) >>> 32) * bound) >>> 32);
  }

  /** A standard normal sample by Box-Muller from values 2*counter and 2*counter+1 of the stream. */
  public static double gaussian(long key, long counter) {
    double u1 = ((bits(key, 2 * counter) >>> 11) + 1) * 0x1.0p-53; // (0, 1]: log is finite
    double u2 = (bits(key, 2 * counter + 1) >>> 11) * 0x1.0p-53;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }

  /** SplitMix64's finalizer: a bijection on 64-bit values with full avalanche. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
