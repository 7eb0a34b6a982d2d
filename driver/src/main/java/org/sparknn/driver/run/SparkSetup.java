package org.sparknn.driver.run;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.sparknn.driver.SparknnKryoRegistrator;

/**
 * The Spark session of a run. Under spark-submit the master and other settings come from it; run directly (local
 * development) without {@code --master}, Spark runs embedded as {@code local[*]}. Kryo with our registrator always;
 * Spark's own console progress bar off, since the run prints its own progress; executors' BLAS single-threaded.
 */
public final class SparkSetup {
  private SparkSetup() {}

  public static SparkSession session(String appName, String master) {
    return session(appName, master, false);
  }

  /** With {@code ownProgressBar}, Spark's console bar is off whatever the configuration says: one bar at a time. */
  public static SparkSession session(String appName, String master, boolean ownProgressBar) {
    SparkConf conf = SparknnKryoRegistrator.configure(new SparkConf()).setAppName(appName);
    if (master != null) conf.setMaster(master);
    else if (!conf.contains("spark.master")) conf.setMaster("local[*]");
    if (ownProgressBar) conf.set("spark.ui.showConsoleProgress", "false");
    else conf.setIfMissing("spark.ui.showConsoleProgress", "false");
    // One task per core already uses the cores; a multi-threaded BLAS per task oversubscribes them (7x slower).
    conf.setIfMissing("spark.executorEnv.OPENBLAS_NUM_THREADS", "1");
    if (conf.get("spark.master").startsWith("local")) {
      // Local development: everything, the Spark UI included (http://127.0.0.1:4040), on the loopback interface.
      conf.setIfMissing("spark.driver.host", "127.0.0.1");
      conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
    }
    return SparkSession.builder().config(conf).getOrCreate();
  }
}
