package org.sparknn.worker.partition;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Float arrays lent out for one step's shard sums and all taken back at the next step ({@link #reclaim}), so a
 * streamed epoch allocates its per-shard gradients once instead of at every step. Safe because a step's result is
 * sent (or serialized) before the next step starts.
 */
final class ArrayPool {
  private final Map<Integer, List<float[]>> bySize = new HashMap<>();
  private final Map<Integer, Integer> lent = new HashMap<>();

  float[] take(int size) {
    List<float[]> arrays = bySize.computeIfAbsent(size, s -> new ArrayList<>());
    int i = lent.merge(size, 1, Integer::sum) - 1;
    if (i == arrays.size()) arrays.add(new float[size]);
    return arrays.get(i);
  }

  void reclaim() {
    lent.clear();
  }
}
