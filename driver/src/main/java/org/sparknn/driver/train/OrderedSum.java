package org.sparknn.driver.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;
import org.sparknn.worker.partition.ShardTree;
import scala.Tuple2;

/**
 * Sums the partitions' {@link ShardSum}s in an order fixed by shard (the {@link ShardTree}'s in deterministic mode,
 * else partition order), never by task finishing order, so a round gives the same float bits whatever the timing,
 * retries or lost executors (Spark's {@code treeReduce} merges results as they arrive: with more than two
 * partitions the rounding then changes from run to run).
 *
 * <p>The reduction has the shape of {@code treeReduce}'s with the same depth, so it costs the same: with fan-in
 * f = max(2, ceil(P^(1/depth))), while P > f + ceil(P / f), one shuffle level sends partition i's sums to group
 * i / f, whose task combines what it received (contiguous shards) with {@link ShardTree#combine}; the driver then
 * fetches the remaining (few) sums with {@code collectPartitions} and combines them into the total. So the driver
 * receives about f + ceil(P / f) arrays, as with treeReduce, not P.
 */
final class OrderedSum {
  private OrderedSum() {}

  /** The total of {@code perPartition}'s shard sums, which tile shards [0, shards). */
  static Contribution of(JavaRDD<ShardSum> perPartition, int depth, int shards, boolean tree) {
    int parts = perPartition.getNumPartitions();
    int fanIn = Math.max(2, (int) Math.ceil(Math.pow(parts, 1.0 / depth)));
    JavaRDD<ShardSum> level = perPartition;
    while (parts > fanIn + (parts + fanIn - 1) / fanIn) {
      int groups = (parts + fanIn - 1) / fanIn;
      int f = fanIn;
      JavaPairRDD<Integer, ShardSum> keyed = level.mapPartitionsWithIndex((Integer i, Iterator<ShardSum> it) -> {
        List<Tuple2<Integer, ShardSum>> out = new ArrayList<>();
        it.forEachRemaining(s -> out.add(new Tuple2<>(i, s)));
        return out.iterator();
      }, true).mapToPair(t -> t);
      level = keyed.partitionBy(new Groups(groups, f)).mapPartitions(received -> {
        List<ShardSum> all = new ArrayList<>();
        received.forEachRemaining(t -> all.add(t._2()));
        return ShardTree.combine(all, shards, tree).iterator();
      }, true);
      parts = groups;
    }
    List<ShardSum>[] results = level.collectPartitions(IntStream.range(0, parts).toArray());
    List<ShardSum> all = new ArrayList<>();
    for (List<ShardSum> r : results) all.addAll(r);
    return ShardTree.total(all, shards, tree);
  }

  /** Index i goes to group i / fanIn. */
  private static final class Groups extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int groups;
    private final int fanIn;

    Groups(int groups, int fanIn) {
      this.groups = groups;
      this.fanIn = fanIn;
    }

    @Override
    public int numPartitions() {
      return groups;
    }

    @Override
    public int getPartition(Object key) {
      return (Integer) key / fanIn;
    }
  }
}
