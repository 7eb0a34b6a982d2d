package org.sparknn.driver.cli;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.sparknn.driver.run.SparkSetup;

/**
 * The Spark session of one command: a new one as {@link SparkSetup} configures it, stopped when the command ends;
 * or, when this JVM already runs one (a notebook, a test), that one, left running.
 */
final class Sessions implements AutoCloseable {
  final SparkSession spark;
  final JavaSparkContext sc;
  private final boolean owned;

  private Sessions(SparkSession spark, boolean owned) {
    this.spark = spark;
    this.sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    this.owned = owned;
  }

  static Sessions open(String appName, String master) {
    boolean running = SparkSession.getActiveSession().isDefined() || SparkSession.getDefaultSession().isDefined();
    return new Sessions(SparkSetup.session(appName, master), !running);
  }

  @Override
  public void close() {
    if (owned) spark.stop();
  }
}
