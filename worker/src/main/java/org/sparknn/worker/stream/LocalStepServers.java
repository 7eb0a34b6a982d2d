package org.sparknn.worker.stream;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The step servers of this JVM, by id, so that a task running inside the driver's JVM (Spark's local mode) connects
 * in memory instead of through a socket to itself. A task on another JVM finds no server here and uses the socket.
 */
public final class LocalStepServers {
  private static final ConcurrentHashMap<String, BlockingQueue<LocalStepChannel>> SERVERS = new ConcurrentHashMap<>();

  private LocalStepServers() {}

  /** Registers server {@code id}; its connections arrive on the returned queue (the server's ends). */
  public static BlockingQueue<LocalStepChannel> open(String id) {
    BlockingQueue<LocalStepChannel> pending = new LinkedBlockingQueue<>();
    if (SERVERS.putIfAbsent(id, pending) != null) throw new IllegalStateException("step server " + id + " exists");
    return pending;
  }

  public static void close(String id) {
    SERVERS.remove(id);
  }

  /**
   * The task's end of a new in-memory connection to server {@code id}, or null when that server is not in this JVM.
   * The server's end gives up reading after {@code serverReadTimeoutMillis}.
   */
  public static LocalStepChannel connect(String id, long serverReadTimeoutMillis) {
    BlockingQueue<LocalStepChannel> pending = id == null ? null : SERVERS.get(id);
    if (pending == null) return null;
    LocalStepChannel[] ends = LocalStepChannel.pair(serverReadTimeoutMillis);
    pending.add(ends[1]);
    return ends[0];
  }
}
