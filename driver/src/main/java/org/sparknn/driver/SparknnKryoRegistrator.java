package org.sparknn.driver;

import com.esotericsoftware.kryo.Kryo;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoRegistrator;
import org.sparknn.driver.kryo.KryoRegistrations;

/**
 * Registers our classes with each Kryo instance Spark creates (on the driver and every executor). Kryo rather
 * than Java serialization because cached blocks and aggregated parameters are large float arrays: Kryo writes
 * them without per-object class descriptors and reads them without reflection.
 */
public final class SparknnKryoRegistrator implements KryoRegistrator {
  @Override
  public void registerClasses(Kryo kryo) {
    KryoRegistrations.registerAll(kryo);
    SparkSqlKryoClasses.registerAll(kryo);
  }

  /**
   * Sets Kryo as Spark's serializer with this registrator, and a buffer large enough for one serialized parameter
   * vector or block (Spark's 64m default fails on models of over 16M parameters). Returns {@code conf}.
   */
  public static SparkConf configure(SparkConf conf) {
    return conf.set("spark.serializer", "org.apache.spark.serializer.KryoSerializer")
        .set("spark.kryo.registrator", SparknnKryoRegistrator.class.getName())
        .set("spark.kryoserializer.buffer.max", "512m");
  }
}
