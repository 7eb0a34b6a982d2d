package org.sparknn.driver.run;

import org.apache.spark.api.java.JavaSparkContext;

/**
 * Bounds the wait for executors on a cluster. Spark itself waits forever when none can be had (a master without
 * workers, or none with the cores or memory asked for: "Initial job has not accepted any resources", repeated), and
 * also when every executor is lost later. A daemon thread looks every half second; after {@code timeoutSeconds} in a
 * row with a job waiting and no executor it records why and cancels the running jobs (and keeps cancelling), so that the run
 * fails with {@link #failure()}'s message instead of hanging. Local mode runs tasks in the driver and is not
 * watched.
 */
final class ExecutorWatch implements AutoCloseable {
  private final Thread thread;
  private volatile String failure;

  private ExecutorWatch(JavaSparkContext sc, long timeoutSeconds) {
    this.thread = new Thread(() -> watch(sc, timeoutSeconds), "sparknn executor watch");
    thread.setDaemon(true);
  }

  /** Starts watching {@code sc} unless it runs in local mode or {@code timeoutSeconds} is 0 (wait forever). */
  static ExecutorWatch start(JavaSparkContext sc, long timeoutSeconds) {
    ExecutorWatch w = new ExecutorWatch(sc, timeoutSeconds);
    if (!sc.master().startsWith("local") && timeoutSeconds > 0) w.thread.start();
    return w;
  }

  /** Why the run was stopped, or null. */
  String failure() {
    return failure;
  }

  private void watch(JavaSparkContext sc, long timeoutSeconds) {
    long since = System.nanoTime();
    try {
      while (!Thread.currentThread().isInterrupted() && !sc.sc().isStopped()) {
        // getExecutorInfos lists the driver too (its block manager), so executors are the others. Only time with a
        // job waiting counts: with dynamic allocation, no executor while nothing runs is normal.
        if (sc.statusTracker().getExecutorInfos().length > 1 || sc.statusTracker().getActiveJobIds().length == 0) {
          since = System.nanoTime();
        } else if (System.nanoTime() - since > timeoutSeconds * 1_000_000_000L) {
          if (failure == null) {
            failure = "no executor for " + timeoutSeconds + " s from master " + sc.master() + " (does the cluster"
                + " have a worker with the free cores and the memory the job asks for?); stopped the run. "
                + "train --executor-timeout sets the wait";
          }
          sc.cancelAllJobs();
        }
        Thread.sleep(500);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
