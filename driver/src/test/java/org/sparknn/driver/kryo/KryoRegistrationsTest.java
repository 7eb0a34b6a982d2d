package org.sparknn.driver.kryo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sparknn.data.Block;
import org.sparknn.driver.LocalSpark;
import org.sparknn.driver.SparknnKryoRegistrator;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

class KryoRegistrationsTest {
  private static SparkSession spark;
  private static SerializerInstance kryo;

  @BeforeAll
  static void start() {
    spark = LocalSpark.start(2);
    kryo = new KryoSerializer(spark.sparkContext().getConf()).newInstance();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void configureSetsKryoWithOurRegistrator() {
    SparkConf conf = SparknnKryoRegistrator.configure(new SparkConf(false));
    assertEquals("org.apache.spark.serializer.KryoSerializer", conf.get("spark.serializer"));
    assertEquals(SparknnKryoRegistrator.class.getName(), conf.get("spark.kryo.registrator"));
    assertEquals("512m", conf.get("spark.kryoserializer.buffer.max"));
  }

  @Test
  void blockKeepsOnlyItsRowsAndSurvivesExactly() {
    float[] x = {1, 2, 3, 4, 5, 6, 99, 99};
    float[] y = {0, 1, 99};
    Block back = roundTrip(new Block(2, 3, 1, x, y), Block.class);
    assertEquals(2, back.rows());
    assertEquals(3, back.features());
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, back.x());
    assertArrayEquals(new float[] {0, 1}, back.y());
    float[] special = {Float.NaN, -0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY};
    float[] same = roundTrip(new Block(1, 5, 1, special, new float[1]), Block.class).x();
    for (int i = 0; i < 5; i++) assertEquals(Float.floatToRawIntBits(special[i]), Float.floatToRawIntBits(same[i]));
  }

  @Test
  void largeBlockCrossesChunkBoundaries() {
    int rows = 3001;
    int features = 17;
    Block b = Block.allocate(rows, features, 2);
    for (int i = 0; i < b.x().length; i++) b.x()[i] = i * 0.5f;
    for (int i = 0; i < b.y().length; i++) b.y()[i] = -i;
    Block back = roundTrip(b, Block.class);
    assertArrayEquals(b.x(), back.x());
    assertArrayEquals(b.y(), back.y());
  }

  @Test
  void stateRecordsRoundTrip() {
    ModelState m = roundTrip(new ModelState(new float[] {1, 2}, new float[] {3}), ModelState.class);
    assertArrayEquals(new float[] {1, 2}, m.params());
    assertArrayEquals(new float[] {3}, m.buffers());
    OptState o = roundTrip(new OptState(7, 2, new float[] {1, 2, 3, 4}), OptState.class);
    assertEquals(7, o.step());
    assertEquals(2, o.slotCount());
    assertArrayEquals(new float[] {1, 2, 3, 4}, o.flatSlots());
    assertEquals(new EvalStats(1.5, 10, 7, 10), roundTrip(new EvalStats(1.5, 10, 7, 10), EvalStats.class));
  }

  @Test
  void anUnregisteredClassFails() {
    record Unlisted(int a) {}
    Exception e = assertThrows(Exception.class, () -> kryo.serialize(new Unlisted(1), tag(Unlisted.class)));
    assertTrue(String.valueOf(e.getMessage()).contains("Class is not registered"), e.getMessage());
  }

  @Test
  void recordsCrossARealJob() {
    Broadcast<ModelState> model = LocalSpark.context(spark).broadcast(new ModelState(new float[] {2}, new float[0]));
    EvalStats total = LocalSpark.context(spark).parallelize(List.of(1, 2, 3, 4), 2)
        .map(i -> new EvalStats(i * model.value().params()[0], 1, i % 2, 1))
        .reduce(EvalStats::plus);
    assertEquals(new EvalStats(20, 4, 2, 4), total);
    model.destroy();
  }

  private static <T> T roundTrip(T value, Class<T> type) {
    ByteBuffer bytes = kryo.serialize(value, tag(type));
    return kryo.deserialize(bytes, tag(type));
  }

  @SuppressWarnings("unchecked")
  private static <T> ClassTag<T> tag(Class<T> type) {
    return (ClassTag<T>) ClassTag$.MODULE$.apply(type);
  }
}
