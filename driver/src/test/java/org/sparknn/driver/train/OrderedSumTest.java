package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparknn.driver.LocalSpark;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSet;
import org.sparknn.worker.partition.ShardSum;
import org.sparknn.worker.partition.ShardTree;

/**
 * {@link OrderedSum} on real Spark (local[4]): partitions whose tasks finish in random order (each sleeps a random
 * time) still sum to the same bits, run after run, and to the documented tree computed here in plain Java. The
 * values are of mixed magnitude (1e7 next to 1e-3), so that float addition in another order gives other bits; the
 * test checks that too, so it could not pass with an order-insensitive input. 9 and 16 partitions take the shuffle
 * level (fan-in 3 and 4), 4 partitions the direct path. In tree mode (training.deterministic) partitions send the
 * tree covers of their shard ranges and the total must be the shard tree's bits for any partition count.
 */
class OrderedSumTest {
  private static final int VALUES = 64;
  private static SparkSession spark;
  private static JavaSparkContext sc;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(4);
    sc = LocalSpark.context(spark);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 9, 16})
  void sumIsTheFixedTreeWhateverTheFinishingOrder(int partitions) {
    float[] expected = expectedTree(partitions, 2);
    for (int run = 0; run < 3; run++) {
      Contribution total = OrderedSum.of(contributions(partitions), 2, partitions, false);
      assertEquals(partitions * 10L, total.samples());
      for (int i = 0; i < VALUES; i++) {
        assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(total.sum()[i]),
            "run " + run + ", value " + i + ": " + expected[i] + " vs " + total.sum()[i]);
      }
    }
    float[] reversed = new float[VALUES];
    for (int p = partitions - 1; p >= 0; p--) for (int i = 0; i < VALUES; i++) reversed[i] += values(p)[i];
    assertNotEquals(bits(expected), bits(reversed), "the input does not depend on summation order");
  }

  /** The tree OrderedSum documents: groups of f = max(2, ceil(P^(1/depth))) summed in order, then the groups. */
  private static float[] expectedTree(int parts, int depth) {
    int f = Math.max(2, (int) Math.ceil(Math.pow(parts, 1.0 / depth)));
    List<float[]> level = new ArrayList<>();
    for (int p = 0; p < parts; p++) level.add(values(p));
    while (level.size() > f + (level.size() + f - 1) / f) {
      List<float[]> next = new ArrayList<>();
      for (int g = 0; g < level.size(); g += f) {
        float[] s = level.get(g).clone();
        for (int k = g + 1; k < Math.min(level.size(), g + f); k++) add(s, level.get(k));
        next.add(s);
      }
      level = next;
    }
    float[] total = level.get(0).clone();
    for (int k = 1; k < level.size(); k++) add(total, level.get(k));
    return total;
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 5, 8, 16})
  void inTreeModeTheSumIsTheShardTreeWhateverThePartitioning(int partitions) {
    float[] expected = shardTree(0, SHARDS);
    Contribution total = OrderedSum.of(shardSums(partitions), 2, SHARDS, true);
    assertEquals(SHARDS * 10L, total.samples());
    assertEquals(bits(expected), bits(total.sum()));
    float[] inOrder = new float[VALUES];
    for (int k = 0; k < SHARDS; k++) add(inOrder, values(k));
    assertNotEquals(bits(expected), bits(inOrder), "the tree must not be the left-to-right sum");
  }

  private static final int SHARDS = 16;

  /** node(lo, hi) = node(lo, mid) + node(mid, hi) over shard values, written out independently of ShardTree. */
  private static float[] shardTree(int lo, int hi) {
    if (hi - lo == 1) return values(lo).clone();
    float[] left = shardTree(lo, (lo + hi) / 2);
    add(left, shardTree((lo + hi) / 2, hi));
    return left;
  }

  /** Partition p sends the tree cover of its shard range, as ShardPartitioner places shards. */
  private static JavaRDD<ShardSum> shardSums(int partitions) {
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < partitions; p++) ids.add(p);
    return sc.parallelize(ids, partitions).mapPartitions((Iterator<Integer> it) -> {
      int p = it.next();
      Thread.sleep(ThreadLocalRandom.current().nextInt(25));
      return ShardTree.fromLeaves(ShardSet.firstShard(p, partitions, SHARDS),
          ShardSet.firstShard(p + 1, partitions, SHARDS), SHARDS, k -> contribution(k)).iterator();
    });
  }

  private static Contribution contribution(int p) {
    return new Contribution(values(p), new float[0], new float[0], 10, new EvalStats(p, 10, 0, 0), 0, 0);
  }

  private static JavaRDD<ShardSum> contributions(int partitions) {
    List<Integer> ids = new ArrayList<>();
    for (int p = 0; p < partitions; p++) ids.add(p);
    return sc.parallelize(ids, partitions).mapPartitions((Iterator<Integer> it) -> {
      int p = it.next();
      Thread.sleep(ThreadLocalRandom.current().nextInt(25)); // finishing order varies from run to run
      return List.of(new ShardSum(p, p + 1, contribution(p))).iterator();
    });
  }

  /** Partition p's values: mixed magnitudes, so that the order of float additions shows in the bits. */
  static float[] values(int p) {
    SplittableRandom r = new SplittableRandom(p * 7919L + 1);
    float[] v = new float[VALUES];
    for (int i = 0; i < VALUES; i++) v[i] = (float) ((r.nextBoolean() ? 1e7 : 1e-3) * (r.nextDouble() - 0.5));
    return v;
  }

  private static void add(float[] into, float[] from) {
    for (int i = 0; i < into.length; i++) into[i] += from[i];
  }

  private static List<Integer> bits(float[] v) {
    List<Integer> out = new ArrayList<>();
    for (float x : v) out.add(Float.floatToRawIntBits(x));
    return out;
  }
}
