package org.sparknn.driver.run;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.spark.sql.SparkSession;

/**
 * What Ctrl-C or SIGTERM does to a training run: a JVM shutdown hook that waits (at most
 * {@value #WRITE_WAIT_S} s) for an output file being written to be renamed into place, so that the run stops between
 * writes, says where the newest checkpoint is, and stops Spark (executors released, application marked finished;
 * Spark's own hook would also stop it, in no particular order with ours). A SIGKILL runs no hook; the writes are
 * atomic ({@link AtomicFiles}), so the newest checkpoint is intact then too, and at most a hidden temporary file
 * remains. Closed (removed) when the run ends normally.
 */
final class ShutdownGuard implements AutoCloseable {
  static final long WRITE_WAIT_S = 30;
  /** Held while {@link AtomicFiles} writes a file. */
  static final ReentrantLock WRITING = new ReentrantLock();

  private final Thread hook;

  ShutdownGuard(SparkSession spark, String checkpoints) {
    hook = new Thread(() -> {
      boolean idle = false;
      try {
        idle = WRITING.tryLock(WRITE_WAIT_S, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      System.err.println("sparknn: interrupted; stopping Spark. " + (idle ? "" : "(a file write did not finish) ")
          + "The checkpoints in " + checkpoints + " are intact: continue with train --resume");
      spark.stop();
    }, "sparknn shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  @Override
  public void close() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook runs
    }
  }
}
