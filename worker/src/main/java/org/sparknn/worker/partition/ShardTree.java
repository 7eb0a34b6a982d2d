package org.sparknn.worker.partition;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

/**
 * The fixed binary tree by shard id in which deterministic training adds up the shards' contributions:
 * node(lo, hi) = node(lo, mid) + node(mid, hi) with mid = (lo + hi) / 2, root [0, S), leaves the shards. An absent
 * node (an empty contribution: no rows this step) adds as zero without rounding (absent + x = x). Whoever adds a
 * node (a task for the shards it holds, a shuffle group, the driver) adds it the same way, so the root has the same
 * bits whatever the partitioning. A contiguous range is sent as its cover: the maximal nodes inside it, left to
 * right (one node when the range is an aligned subtree, as for 1, 2, 4 or 8 partitions of 16 shards).
 */
public final class ShardTree {
  private ShardTree() {}

  /** The maximal nodes of the tree over [0, shards) inside [lo, hi), left to right, as {lo, hi} pairs. */
  public static List<int[]> cover(int lo, int hi, int shards) {
    List<int[]> out = new ArrayList<>();
    cover(0, shards, lo, hi, out);
    return out;
  }

  private static void cover(int nodeLo, int nodeHi, int lo, int hi, List<int[]> out) {
    if (hi <= nodeLo || nodeHi <= lo) return;
    if (lo <= nodeLo && nodeHi <= hi) {
      out.add(new int[] {nodeLo, nodeHi});
      return;
    }
    int mid = (nodeLo + nodeHi) >>> 1;
    cover(nodeLo, mid, lo, hi, out);
    cover(mid, nodeHi, lo, hi, out);
  }

  /** The cover of [lo, hi), each node added up by the tree from {@code leaf(k)} (empty for an absent shard). */
  public static List<ShardSum> fromLeaves(int lo, int hi, int shards, IntFunction<Contribution> leaf) {
    List<ShardSum> out = new ArrayList<>();
    for (int[] n : cover(lo, hi, shards)) out.add(new ShardSum(n[0], n[1], node(n[0], n[1], leaf)));
    return out;
  }

  private static Contribution node(int lo, int hi, IntFunction<Contribution> leaf) {
    if (hi - lo == 1) return leaf.apply(lo);
    int mid = (lo + hi) >>> 1;
    Contribution left = node(lo, mid, leaf);
    return left.plus(node(mid, hi, leaf));
  }

  /**
   * Combines {@code parts}, which must tile a contiguous range exactly: with {@code tree} the range's cover by the
   * tree (each part must be a tree node); without, one sum of the parts in shard order (non-deterministic mode:
   * one part per partition, added in partition order, as before issue 6). Adds into the parts' arrays.
   */
  public static List<ShardSum> combine(List<ShardSum> parts, int shards, boolean tree) {
    if (parts.isEmpty()) return List.of();
    List<ShardSum> sorted = new ArrayList<>(parts);
    sorted.sort(Comparator.comparingInt(ShardSum::lo));
    int lo = sorted.get(0).lo();
    for (int i = 1; i < sorted.size(); i++) {
      if (sorted.get(i).lo() != sorted.get(i - 1).hi()) {
        throw new IllegalStateException("shard sums do not tile a range: [" + sorted.get(i - 1).lo() + ", "
            + sorted.get(i - 1).hi() + ") then [" + sorted.get(i).lo() + ", " + sorted.get(i).hi() + ")");
      }
    }
    int hi = sorted.get(sorted.size() - 1).hi();
    if (!tree) {
      Contribution total = Contribution.empty();
      for (ShardSum s : sorted) total = total.plus(s.sum());
      return List.of(new ShardSum(lo, hi, total));
    }
    Map<Long, Contribution> nodes = new HashMap<>();
    for (ShardSum s : sorted) nodes.put(key(s.lo(), s.hi()), s.sum());
    List<ShardSum> out = new ArrayList<>();
    for (int[] n : cover(lo, hi, shards)) out.add(new ShardSum(n[0], n[1], find(n[0], n[1], nodes)));
    return out;
  }

  /** The sum of parts tiling all shards [0, shards). */
  public static Contribution total(List<ShardSum> parts, int shards, boolean tree) {
    List<ShardSum> root = combine(parts, shards, tree);
    if (root.size() != 1 || root.get(0).lo() != 0 || root.get(0).hi() != shards) {
      throw new IllegalStateException("shard sums do not cover shards [0, " + shards + ")");
    }
    return root.get(0).sum();
  }

  private static Contribution find(int lo, int hi, Map<Long, Contribution> nodes) {
    Contribution c = nodes.remove(key(lo, hi));
    if (c != null) return c;
    if (hi - lo == 1) throw new IllegalStateException("no tree node of the shard sums holds shard " + lo);
    int mid = (lo + hi) >>> 1;
    Contribution left = find(lo, mid, nodes);
    return left.plus(find(mid, hi, nodes));
  }

  private static long key(int lo, int hi) {
    return ((long) lo << 32) | hi;
  }
}
