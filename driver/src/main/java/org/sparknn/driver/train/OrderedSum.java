package org.sparknn.driver.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.Partitioner;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.sparknn.worker.partition.Contribution;
import scala.Tuple2;

/**
 * Sums one contribution per partition in an order fixed by partition index, never by task finishing order, so a
 * round gives the same float bits whatever the timing, retries or lost executors (Spark's {@code treeReduce} merges
 * results as they arrive: with more than two partitions the rounding then changes from run to run).
 *
 * <p>The tree has the shape of {@code treeReduce}'s with the same depth, so it costs the same: with fan-in
 * f = max(2, ceil(P^(1/depth))), while P > f + ceil(P / f), one shuffle level sends partition i's contribution to
 * group i / f, where the group's task sorts what it received by index and sums it left to right; the driver then
 * fetches the remaining (few) sums with {@code collectPartitions}, which files each result under its partition
 * index, and adds them in index order. So the driver receives at most f + ceil(P / f) arrays, as with treeReduce,
 * not P. (Issue 6 keys contributions by logical shard instead of partition; only this class changes then.)
 */
final class OrderedSum {
  private OrderedSum() {}

  /** The sum of {@code perPartition} (exactly one contribution per partition) in partition-index order. */
  static Contribution of(JavaRDD<Contribution> perPartition, int depth) {
    int parts = perPartition.getNumPartitions();
    int fanIn = Math.max(2, (int) Math.ceil(Math.pow(parts, 1.0 / depth)));
    JavaRDD<Contribution> level = perPartition;
    while (parts > fanIn + (parts + fanIn - 1) / fanIn) {
      int groups = (parts + fanIn - 1) / fanIn;
      int f = fanIn;
      JavaPairRDD<Integer, Contribution> keyed = level.mapPartitionsWithIndex(
          (Integer i, Iterator<Contribution> it) -> List.of(new Tuple2<>(i, only(it))).iterator(), true)
          .mapToPair(t -> t);
      level = keyed.partitionBy(new Groups(groups, f)).mapPartitions(OrderedSum::sumByKey, true);
      parts = groups;
    }
    List<Contribution>[] results = level.collectPartitions(IntStream.range(0, parts).toArray());
    Contribution total = Contribution.empty();
    for (List<Contribution> r : results) total = total.plus(only(r.iterator())); // results[i]: partition i's
    return total;
  }

  /** A group task's sum: what it received, in ascending key (lower-level partition index) order. */
  private static Iterator<Contribution> sumByKey(Iterator<Tuple2<Integer, Contribution>> received) {
    List<Tuple2<Integer, Contribution>> all = new ArrayList<>();
    received.forEachRemaining(all::add);
    all.sort(Comparator.comparing(Tuple2::_1));
    Contribution total = Contribution.empty();
    for (Tuple2<Integer, Contribution> t : all) total = total.plus(t._2());
    return List.of(total).iterator();
  }

  private static Contribution only(Iterator<Contribution> it) {
    if (!it.hasNext()) throw new IllegalStateException("a partition produced no contribution");
    Contribution c = it.next();
    if (it.hasNext()) throw new IllegalStateException("a partition produced more than one contribution");
    return c;
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
