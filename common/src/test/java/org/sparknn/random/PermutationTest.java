package org.sparknn.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PermutationTest {
  @Test
  void isAPermutationThatDependsOnlyOnTheKey() {
    int[] p = Permutation.of(1000, 99);
    int[] sorted = p.clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) assertEquals(i, sorted[i]);
    assertArrayEquals(p, Permutation.of(1000, 99));
    assertFalse(Arrays.equals(p, Permutation.of(1000, 100)));
  }

  @Test
  void everyPositionIsEquallyLikelyForEveryElement() {
    int n = 5;
    int trials = 20_000;
    int[][] counts = new int[n][n];
    for (int t = 0; t < trials; t++) {
      int[] p = Permutation.of(n, CounterRandom.key(5, RandomPurpose.SHUFFLE, t));
      for (int i = 0; i < n; i++) counts[p[i]][i]++;
    }
    for (int[] row : counts) for (int c : row) assertEquals(trials / n, c, 5 * Math.sqrt(trials * 0.2 * 0.8));
  }
}
