package org.sparknn.driver.kryo;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import java.util.List;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.driver.data.FeatureMoments;
import org.sparknn.driver.data.PartitionSummary;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;

/**
 * Every class of ours that Kryo writes (cached and shuffled blocks, task results, broadcasts), with its serializer.
 * Plain Kryo, no Spark: {@code SparknnKryoRegistrator} adapts it to Spark. Kryo numbers registrations in order, so
 * every JVM must register the same list in the same order; append, never reorder within a release.
 * With {@code spark.kryo.registrationRequired=true} (the tests run so) a missing class fails the first job that
 * writes one, rather than silently costing its class name in every record.
 */
public final class KryoRegistrations {
  /** One class and its serializer; null means Kryo's default for the class (fine for arrays of primitives). */
  public record Entry(Class<?> type, Serializer<?> serializer) {}

  private KryoRegistrations() {}

  public static List<Entry> entries() {
    return List.of(
        new Entry(float[].class, null),
        new Entry(double[].class, null),
        new Entry(int[].class, null),
        new Entry(long[].class, null),
        new Entry(Block.class, new BlockSerializer()),
        new Entry(ModelState.class, new RecordSerializer<>(ModelState.class)),
        new Entry(OptState.class, new OptStateSerializer()),
        new Entry(EvalStats.class, new RecordSerializer<>(EvalStats.class)),
        new Entry(PartitionSummary.class, new RecordSerializer<>(PartitionSummary.class)),
        new Entry(FeatureMoments.class, new RecordSerializer<>(FeatureMoments.class)),
        new Entry(ShardBlock.class, new RecordSerializer<>(ShardBlock.class)),
        new Entry(Contribution.class, new RecordSerializer<>(Contribution.class)),
        new Entry(ShardSum.class, new RecordSerializer<>(ShardSum.class)));
  }

  /** Registers {@link #entries()} in order with fresh serializer instances (Kryo instances are per thread). */
  public static void registerAll(Kryo kryo) {
    for (Entry e : entries()) {
      if (e.serializer() == null) {
        kryo.register(e.type());
      } else {
        kryo.register(e.type(), e.serializer());
      }
    }
  }
}
