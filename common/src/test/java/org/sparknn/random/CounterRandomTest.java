package org.sparknn.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CounterRandomTest {
  @Test
  void valuesArePureFunctionsOfKeyAndCounter() {
    long key = CounterRandom.key(7, RandomPurpose.DROPOUT, 3, 1_000_000L, 2);
    assertEquals(key, CounterRandom.key(7, RandomPurpose.DROPOUT, 3, 1_000_000L, 2));
    assertEquals(CounterRandom.bits(key, 12345), CounterRandom.bits(key, 12345));
  }

  @Test
  void differentCoordinatesSeedsAndPurposesGiveDifferentStreams() {
    long a = CounterRandom.key(7, RandomPurpose.DROPOUT, 1, 2);
    assertNotEquals(a, CounterRandom.key(7, RandomPurpose.DROPOUT, 2, 1)); // order matters
    assertNotEquals(a, CounterRandom.key(8, RandomPurpose.DROPOUT, 1, 2));
    assertNotEquals(a, CounterRandom.key(7, RandomPurpose.SHUFFLE, 1, 2));
    assertNotEquals(a, CounterRandom.key(7, RandomPurpose.DROPOUT, 1, 2, 0));
  }

  @Test
  void uniformHasTheMomentsOfU01() {
    long key = CounterRandom.key(1, RandomPurpose.INIT);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    int[] deciles = new int[10];
    for (int i = 0; i < n; i++) {
      float u = CounterRandom.uniform(key, i);
      assertTrue(u >= 0f && u < 1f);
      sum += u;
      sumSq += u * u;
      deciles[(int) (u * 10)]++;
    }
    // standard error of the mean is sqrt(1/12/n) ~ 6.5e-4; 5 sigma bounds
    assertEquals(0.5, sum / n, 0.0033);
    assertEquals(1.0 / 12, sumSq / n - (sum / n) * (sum / n), 0.002);
    for (int d : deciles) assertEquals(n / 10.0, d, 5 * Math.sqrt(n * 0.1 * 0.9), Arrays.toString(deciles));
  }

  @Test
  void gaussianHasMeanZeroAndUnitVariance() {
    long key = CounterRandom.key(2, RandomPurpose.INIT);
    int n = 200_000;
    double sum = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double g = CounterRandom.gaussian(key, i);
      assertTrue(Double.isFinite(g));
      sum += g;
      sumSq += g * g;
    }
    assertEquals(0, sum / n, 0.012); // 5 standard errors
    assertEquals(1, sumSq / n, 0.02);
  }

  @Test
  void belowStaysInRangeAndCoversIt() {
    long key = CounterRandom.key(3, RandomPurpose.SHUFFLE);
    int[] counts = new int[7];
    for (int i = 0; i < 70_000; i++) counts[CounterRandom.below(key, i, 7)]++;
    for (int c : counts) assertEquals(10_000, c, 500, Arrays.toString(counts));
  }
}
