package org.sparknn.random;

/** Seeded permutations: a Fisher-Yates shuffle driven by one counter-based stream. */
public final class Permutation {
  private Permutation() {}

  /** A permutation of 0..n-1 that depends only on {@code key}. */
  public static int[] of(int n, long key) {
    int[] order = new int[n];
    for (int i = 0; i < n; i++) order[i] = i;
    for (int i = n - 1; i > 0; i--) {
      int j = CounterRandom.below(key, i, i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order;
  }
}
