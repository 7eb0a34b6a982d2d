package org.sparknn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochOrderTest {
  @Test
  void everySampleOnceForAnySizeAndShardCount() {
    for (int n : new int[] {0, 1, 15, 16, 17, 1000, 1003}) {
      for (int shards : new int[] {1, 3, 16}) {
        int[] seq = new EpochOrder(n, shards, 7, 2, true).sequence();
        int[] sorted = seq.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < n; i++) assertEquals(i, sorted[i], "n=" + n + " shards=" + shards);
      }
    }
  }

  @Test
  void shardSizesDifferByAtMostOneAndSumToN() {
    EpochOrder o = new EpochOrder(1003, 16, 1, 0, true);
    long total = 0;
    for (int k = 0; k < 16; k++) {
      assertEquals(k < 1003 % 16 ? 63 : 62, o.shardSize(k));
      total += o.shardSize(k);
    }
    assertEquals(1003, total);
  }

  @Test
  void positionsInterleaveShardsAndSamplesStayInTheirShard() {
    EpochOrder o = new EpochOrder(1000, 8, 3, 1, true);
    for (long p = 0; p < 1000; p++) {
      assertEquals(p % 8, o.shardAt(p));
      assertEquals(o.shardAt(p), o.sampleAt(p) % 8);
    }
  }

  @Test
  void withoutShuffleTheOrderIsTheStoredOne() {
    int[] seq = new EpochOrder(50, 4, 3, 1, false).sequence();
    for (int i = 0; i < 50; i++) assertEquals(i, seq[i]);
  }

  @Test
  void dependsOnSeedAndEpochOnly() {
    assertArrayEquals(new EpochOrder(500, 4, 3, 1, true).sequence(), new EpochOrder(500, 4, 3, 1, true).sequence());
    assertFalse(Arrays.equals(new EpochOrder(500, 4, 3, 1, true).sequence(),
        new EpochOrder(500, 4, 3, 2, true).sequence()));
    assertFalse(Arrays.equals(new EpochOrder(500, 4, 3, 1, true).sequence(),
        new EpochOrder(500, 4, 4, 1, true).sequence()));
  }
}
