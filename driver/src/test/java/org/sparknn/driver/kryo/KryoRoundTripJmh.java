package org.sparknn.driver.kryo;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sparknn.driver.SparknnKryoRegistrator;
import org.sparknn.tensor.ModelState;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/**
 * A parameter vector through Spark's Kryo serializer with our registrator, out and back: what a broadcast of the
 * model or a task's gradient result costs in serialization, at B1's and B2's parameter counts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class KryoRoundTripJmh {
  private static final ClassTag<ModelState> TAG = ClassTag$.MODULE$.apply(ModelState.class);

  @Param({"109386", "1863690"})
  public int size;

  private SerializerInstance kryo;
  private ModelState state;

  @Setup
  public void setup() {
    kryo = new KryoSerializer(SparknnKryoRegistrator.configure(new SparkConf())).newInstance();
    float[] params = new float[size];
    for (int i = 0; i < size; i++) params[i] = (i % 101) / 101f;
    state = new ModelState(params, new float[0]);
  }

  @Benchmark
  public ModelState roundTrip() {
    ByteBuffer bytes = kryo.serialize(state, TAG);
    return kryo.deserialize(bytes, TAG);
  }
}
