package org.sparknn.driver.train;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;

/**
 * A test hook that makes one training task fail once, after it computed its contribution and before it returns it,
 * so that Spark retries it: {@code spark.sparknn.test.failTaskOnce=EPOCH:ROUND:PARTITION:MARKER} (epoch and round
 * 1-based, as the progress messages count; round 0: the epoch's validation pass in a streamed stage; partition
 * 0-based). The first attempt at that position creates the
 * MARKER file (local file system, which every JVM of a test shares) and throws; attempts that find the marker run
 * normally. Inert when the Spark setting is absent, which it is outside tests.
 */
final class InjectedFault {
  static final String KEY = "spark.sparknn.test.failTaskOnce";

  private InjectedFault() {}

  /** Throws once if the running task is the one named by {@link #KEY}. */
  static void maybeFail(int epoch, long round) {
    SparkEnv env = SparkEnv.get();
    String spec = env == null ? null : env.conf().get(KEY, null);
    if (spec == null) return;
    String[] f = spec.split(":", 4);
    if (f.length != 4) throw new IllegalArgumentException(KEY + ": expected EPOCH:ROUND:PARTITION:MARKER, got " + spec);
    TaskContext task = TaskContext.get();
    if (Integer.parseInt(f[0]) != epoch + 1 || Long.parseLong(f[1]) != round + 1
        || task == null || Integer.parseInt(f[2]) != task.partitionId()) {
      return;
    }
    try {
      Files.createFile(Path.of(f[3]));
    } catch (FileAlreadyExistsException e) {
      return; // failed once already: this is the retry
    } catch (IOException e) {
      throw new IllegalStateException(KEY + ": cannot create " + f[3], e);
    }
    throw new IllegalStateException("injected task failure (" + KEY + ") in epoch " + f[0] + ", round " + f[1]
        + ", partition " + f[2] + ", attempt " + task.attemptNumber());
  }
}
