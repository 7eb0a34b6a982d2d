package org.sparknn.driver;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The Spark session a test class shares: local mode, no UI, Kryo with our registrator and
 * {@code spark.kryo.registrationRequired=true}, so a class we forgot to register fails the test that ships it.
 * Start in {@code @BeforeAll}, stop in {@code @AfterAll}; one session per JVM at a time.
 */
public final class LocalSpark {
  private LocalSpark() {}

  public static SparkSession start(int threads) {
    return start(threads, new String[0]);
  }

  /** With more classes to register, such as a test's own types that Spark serializes. */
  public static SparkSession start(int threads, String... moreKryoClasses) {
    SparkConf conf = SparknnKryoRegistrator.configure(new SparkConf())
        .setMaster("local[" + threads + "]")
        .setAppName("sparknn-test")
        .set("spark.ui.enabled", "false")
        .set("spark.kryo.registrationRequired", "true")
        .set("spark.sql.shuffle.partitions", "4")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
        .set("spark.kryo.classesToRegister", String.join(",", moreKryoClasses));
    return SparkSession.builder().config(conf).getOrCreate();
  }

  public static JavaSparkContext context(SparkSession spark) {
    return JavaSparkContext.fromSparkContext(spark.sparkContext());
  }
}
