package org.sparknn.driver.train;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.storage.StorageLevel;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.data.ShardCutter;
import scala.Tuple2;

/**
 * Turns blocks in file order into cached shard blocks placed by {@link ShardPartitioner}. Sample i is the i-th
 * row in file order, whatever the reader's partitioning, so the training order depends on the data and the seed,
 * not on how the data was read. Cached deserialized in memory (spilling to disk through Kryo): a synchronous step
 * runs one task per partition, and deserializing the partition's data in every task would cost more than the step.
 */
public final class ShardedData {
  private ShardedData() {}

  public static JavaRDD<ShardBlock> of(JavaRDD<Block> fileOrder, int shards, int partitions) {
    List<Integer> rows = fileOrder.map(Block::rows).collect();
    long[] bases = new long[rows.size()];
    long total = 0;
    for (int i = 0; i < bases.length; i++) {
      bases[i] = total;
      total += rows.get(i);
    }
    ShardPartitioner placement = new ShardPartitioner(shards, partitions);
    JavaRDD<ShardBlock> sharded = fileOrder.zipWithIndex()
        .flatMapToPair((Tuple2<Block, Long> t) -> {
          List<Tuple2<Integer, ShardBlock>> out = new ArrayList<>();
          for (ShardBlock b : ShardCutter.cut(t._1(), bases[(int) (long) t._2()], shards)) out.add(new Tuple2<>(b.shard(), b));
          return out.iterator();
        })
        .partitionBy(placement)
        .values();
    return sharded.persist(StorageLevel.MEMORY_AND_DISK());
  }

  /** Samples in the blocks (one small job). */
  public static long count(JavaRDD<ShardBlock> data) {
    return data.map(b -> (long) b.block().rows()).fold(0L, Long::sum);
  }
}
