package org.sparknn.worker.partition;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sparknn.data.EpochOrder;

/**
 * A small per-JVM cache of epoch orders, so the many tasks of one epoch (one per step in step mode) share the
 * shard permutations instead of recomputing them. Keeps the few most recent epochs.
 */
final class EpochOrders {
  private record Key(long samples, int shards, long seed, long epoch, boolean shuffle) {}

  private static final int KEEP = 4;
  private static final Map<Key, EpochOrder> CACHE = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Key, EpochOrder> eldest) {
      return size() > KEEP;
    }
  };

  private EpochOrders() {}

  static synchronized EpochOrder get(long samples, int shards, long seed, long epoch, boolean shuffle) {
    return CACHE.computeIfAbsent(new Key(samples, shards, seed, epoch, shuffle),
        k -> new EpochOrder(samples, shards, seed, epoch, shuffle));
  }
}
