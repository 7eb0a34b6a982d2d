package org.sparknn.driver.train;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.sparknn.data.ShardBlock;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Network;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.NetworkCache;
import org.sparknn.worker.partition.PartitionTrainer;
import org.sparknn.worker.partition.ShardSet;
import org.sparknn.worker.partition.ShardSum;

/**
 * One synchronisation round as one Spark job: broadcast the state, let every partition compute its contribution
 * over the shards it holds (as {@link ShardSum}s over its shard range), sum them in a fixed order
 * ({@link OrderedSum}), destroy the broadcasts.
 */
final class Rounds {
  /** Depth of the summation tree: enough that the driver receives a few sums rather than one per partition. */
  static final int TREE_DEPTH = 2;

  private Rounds() {}

  /** The summed gradient contribution for global step {@code step} of {@code epoch}. */
  static Contribution gradient(JavaSparkContext sc, JavaRDD<ShardBlock> data, TrainingPlan plan, ModelState state,
      int epoch, long step, long globalStep) {
    Broadcast<ModelState> model = sc.broadcast(state);
    try {
      int parts = data.getNumPartitions();
      return OrderedSum.of(data.mapPartitionsWithIndex((Integer p, Iterator<ShardBlock> blocks) -> {
        ShardSet set = shards(blocks, plan);
        Network net = NetworkCache.of(plan.backend(), plan.model(), plan.settings().batchSize());
        List<ShardSum> sums = new PartitionTrainer(net, plan.optimizer(), plan.settings()).gradientSums(set,
            first(p, parts, plan), first(p + 1, parts, plan), model.value(), epoch, step, globalStep);
        InjectedFault.maybeFail(epoch, step);
        return sums.iterator();
      }, false), TREE_DEPTH, plan.settings().shards(), plan.settings().deterministic());
    } finally {
      model.destroy();
    }
  }

  /** The summed, sample-weighted states after local steps [firstStep, firstStep + steps) on every partition. */
  static Contribution average(JavaSparkContext sc, JavaRDD<ShardBlock> data, TrainingPlan plan, ModelState state,
      OptState optState, int epoch, long round, long firstStep, int steps) {
    Broadcast<ModelState> model = sc.broadcast(state);
    Broadcast<OptState> optimizer = sc.broadcast(optState);
    try {
      int parts = data.getNumPartitions();
      return OrderedSum.of(data.mapPartitionsWithIndex((Integer p, Iterator<ShardBlock> blocks) -> {
        ShardSet set = shards(blocks, plan);
        // deterministic: one trajectory per shard, whose local batch is at most the global batch
        int rows = set == null || plan.settings().deterministic() ? plan.settings().batchSize()
            : PartitionTrainer.localBatch(plan.settings().batchSize(), set.heldSamples(), plan.totalSamples());
        Network net = NetworkCache.of(plan.backend(), plan.model(), rows);
        List<ShardSum> sums = new PartitionTrainer(net, plan.optimizer(), plan.settings()).localSums(set,
            first(p, parts, plan), first(p + 1, parts, plan), model.value(), optimizer.value(), epoch, firstStep,
            steps);
        InjectedFault.maybeFail(epoch, round);
        return sums.iterator();
      }, false), TREE_DEPTH, plan.settings().shards(), plan.settings().deterministic());
    } finally {
      model.destroy();
      optimizer.destroy();
    }
  }

  /** First shard of partition p (ShardPartitioner's placement). */
  private static int first(int p, int parts, TrainingPlan plan) {
    return ShardSet.firstShard(p, parts, plan.settings().shards());
  }

  /** The partition's shard set, or null for a partition that holds no shard. */
  private static ShardSet shards(Iterator<ShardBlock> blocks, TrainingPlan plan) {
    List<ShardBlock> list = new ArrayList<>();
    blocks.forEachRemaining(list::add);
    return list.isEmpty() ? null : new ShardSet(list, plan.totalSamples(), plan.settings().shards());
  }
}
