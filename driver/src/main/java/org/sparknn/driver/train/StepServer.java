package org.sparknn.driver.train;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;
import org.sparknn.worker.partition.ShardTree;
import org.sparknn.worker.stream.LocalStepChannel;
import org.sparknn.worker.stream.LocalStepServers;
import org.sparknn.worker.stream.StepChannel;
import org.sparknn.worker.stream.StepWire;
import org.sparknn.worker.stream.StepWorker;

/**
 * The driver end of streamed {@code sync = step} training: every partition's task holds one connection; for each
 * step the server reads every partition's shard sums and adds them in a fixed order ({@link ShardTree}: by the
 * tree in deterministic mode, else in partition order), so the sum does not depend on which task answered first,
 * lets the {@link ParameterServer} update, and sends the new state back. A stage's tasks may run several epochs:
 * between them their connections stay open. A lost connection (task failed, executor killed) drops the step in
 * flight: the server waits for Spark's relaunched tasks and resumes them at the epoch and step it was on; nothing
 * before that step is recomputed. Tasks in the
 * driver's own JVM (local mode) connect in memory ({@link LocalStepServers}) unless that is switched off.
 */
final class StepServer implements AutoCloseable {
  /** Called after every step with its summed contribution; may throw to stop the epoch (e.g. divergence). */
  interface StepObserver {
    void afterStep(long step, Contribution total);
  }

  /**
   * What one streamed epoch did: training-mode sums; the partitions' compute time (summed over partitions); the
   * driver's time adding the partitions' sums (aggregate), in the optimizer (update) and sending the new state to
   * every task (broadcast, without encoding it); the serialization of the exchange, turning arrays into bytes and
   * back, by the driver ({@code serializeNanos}) and by the tasks ({@code taskSerializeNanos}, summed over
   * partitions), zero in memory. The rest of the epoch is exchange and waiting.
   */
  record EpochResult(EvalStats trained, long computeNanos, long aggregateNanos, long updateNanos, long broadcastNanos,
      long serializeNanos, long taskSerializeNanos, int relaunches, EvalStats validation, long validationNanos) {}

  private static final int ACCEPT_TICK_MILLIS = 200;
  // With in-memory connections: wait on their queue (a task's arrival ends the wait at once), then look at the socket
  // briefly. Polling the queue between 5 ms socket ticks had cost up to 5 ms per task at every epoch's start.
  private static final int LOCAL_WAIT_MILLIS = 5;
  private static final int ACCEPT_TICK_WITH_LOCAL_MILLIS = 1;

  private final ServerSocket socket;
  private final String host;
  private final Duration stepTimeout;
  private final String localId;                          // null: sockets only
  private final BlockingQueue<LocalStepChannel> local;   // in-memory connections, or null
  private int inMemoryConnections;
  private StepChannel[] open; // the tasks of a stage between two of its epochs, waiting for the next state

  /**
   * Listens on {@code bindHost} (an ephemeral port); tasks are told to connect to {@code host}, or in memory when
   * {@code inMemory} and they run in this JVM.
   */
  StepServer(String bindHost, String host, Duration stepTimeout, boolean inMemory) throws IOException {
    this.host = host;
    this.stepTimeout = stepTimeout;
    this.socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getByName(bindHost), 0), 64);
    this.localId = inMemory ? UUID.randomUUID().toString() : null;
    this.local = inMemory ? LocalStepServers.open(localId) : null;
    socket.setSoTimeout(inMemory ? ACCEPT_TICK_WITH_LOCAL_MILLIS : ACCEPT_TICK_MILLIS);
  }

  /** How many task connections came in memory rather than over the socket. */
  int inMemoryConnections() {
    return inMemoryConnections;
  }

  /** Where tasks connect. */
  StepWorker.Server address() {
    return new StepWorker.Server(host, socket.getLocalPort(), (int) Math.min(Integer.MAX_VALUE,
        stepTimeout.toMillis()), localId);
  }

  /**
   * The Spark stage whose tasks (one per partition) run epochs [firstEpoch, lastEpoch], and its job: the server
   * keeps their connections open from one epoch to the next and ends them after the last.
   */
  record Stage(int firstEpoch, int lastEpoch, int partitions, Future<?> job) {}

  /**
   * Runs steps [firstStep, steps) of {@code epoch} with the tasks of {@code stage}, updating {@code server}.
   * Returns when every step is applied; after the stage's last epoch, once the tasks were told they are done, else
   * with their connections open for the next epoch. With {@code averaging} a step is an averaging round: the tasks
   * get the optimizer state too and send sample-weighted states, which the server averages. With {@code validate}
   * the tasks then evaluate their validation rows with the epoch's final state, and the result has the sums.
   */
  EpochResult runEpoch(Stage stage, int epoch, long firstStep, long steps, boolean averaging, boolean validate,
      ParameterServer server, StepObserver observer) throws IOException {
    Tally t = new Tally(firstStep);
    int relaunches = open == null ? -1 : 0;
    boolean last = epoch == stage.lastEpoch();
    while (t.step < steps || validate && t.validation == null) {
      StepChannel[] wires = open;
      open = null;
      if (wires == null) {
        relaunches++;
        wires = acceptAll(stage, epoch);
      }
      try {
        runSteps(wires, stage, epoch, steps, averaging, server, observer, t);
        if (validate) {
          long before = System.nanoTime();
          t.validation = validate(wires, epoch, server);
          t.validationNanos += System.nanoTime() - before;
        }
        if (last) {
          for (StepChannel w : wires) w.sendEnd();
        }
      } catch (IOException e) {
        String where = "epoch " + (epoch + 1) + (t.step < steps ? ", step " + (t.step + 1) : ", validation");
        if (e instanceof SocketTimeoutException) {
          abort(wires, "no contribution within " + stepTimeout.toSeconds() + " s");
          throw new IOException(where + ": a task sent nothing for " + stepTimeout.toSeconds()
              + " s (-Dsparknn.step.timeout.seconds); stopping", e);
        }
        closeAll(wires); // the tasks still connected fail too; Spark relaunches the whole barrier stage
        System.err.printf("%s: lost a training task (%s); waiting for Spark to relaunch it%n", where,
            e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        continue;
      }
      if (last) closeAll(wires); else open = wires; // the tasks wait for the next epoch's first state
    }
    if (last && open != null) endOpen(); // nothing left to run in the last epoch (resumed at its end)
    return new EpochResult(t.trained, t.computeNanos, t.aggregateNanos, t.updateNanos, t.broadcastNanos,
        t.serializeNanos, t.taskSerializeNanos, Math.max(0, relaunches), t.validation, t.validationNanos);
  }

  /** An epoch's running figures, and the step it has reached: a lost task resumes there. */
  private static final class Tally {
    long step;
    EvalStats trained = EvalStats.EMPTY;
    long computeNanos;
    long aggregateNanos;
    long updateNanos;
    long broadcastNanos;
    long serializeNanos;
    long taskSerializeNanos;
    EvalStats validation; // null until the validation pass is done (or when there is none)
    long validationNanos;

    Tally(long step) {
      this.step = step;
    }
  }

  /** Steps [t.step, steps) on {@code wires}: every partition's sums, in a fixed order, one update, the new state. */
  private static void runSteps(StepChannel[] wires, Stage stage, int epoch, long steps, boolean averaging,
      ParameterServer server, StepObserver observer, Tally t) throws IOException {
    if (t.step < steps) sendStates(wires, epoch, averaging, server, t);
    while (t.step < steps) {
      List<ShardSum> parts = new ArrayList<>();
      boolean tree = true;
      int shards = 0;
      long codecBefore = codecNanos(wires);
      for (int p = 0; p < stage.partitions(); p++) {
        StepWire.Contrib c = wires[p].readContribution();
        if (c.step() != t.step) {
          throw new IOException("partition " + p + " sent step " + c.step() + ", expected " + t.step);
        }
        parts.addAll(c.sums());
        tree &= c.tree();
        for (ShardSum s : c.sums()) shards = Math.max(shards, s.hi());
        t.taskSerializeNanos += c.codecNanos();
      }
      t.serializeNanos += codecNanos(wires) - codecBefore;
      long beforeSum = System.nanoTime();
      Contribution total = ShardTree.total(parts, shards, tree);
      long before = System.nanoTime();
      t.aggregateNanos += before - beforeSum;
      if (averaging) server.applyAverage(total); else server.applyGradient(total);
      t.updateNanos += System.nanoTime() - before;
      t.trained = t.trained.plus(total.stats());
      t.computeNanos += total.computeNanos();
      try {
        observer.afterStep(t.step, total);
      } catch (RuntimeException stop) {
        abort(wires, stop.getMessage());
        throw stop;
      }
      t.step++;
      if (t.step < steps) sendStates(wires, epoch, averaging, server, t);
    }
  }

  /** Step {@code t.step}'s state to every task: broadcast, and the driver's encoding of it as serialization. */
  private static void sendStates(StepChannel[] wires, int epoch, boolean averaging, ParameterServer server, Tally t)
      throws IOException {
    long before = System.nanoTime();
    long codecBefore = codecNanos(wires);
    for (StepChannel w : wires) w.sendState(epoch, t.step, server.state(), averaging ? server.optState() : null);
    long encoding = codecNanos(wires) - codecBefore;
    t.serializeNanos += encoding;
    t.broadcastNanos += System.nanoTime() - before - encoding;
  }

  private static long codecNanos(StepChannel[] wires) {
    long sum = 0;
    for (StepChannel w : wires) sum += w.codecNanos();
    return sum;
  }

  /** Every task's validation figures for the server's state, added in partition order (the same on every run). */
  private static EvalStats validate(StepChannel[] wires, int epoch, ParameterServer server) throws IOException {
    for (StepChannel w : wires) w.sendValidate(epoch, server.state());
    EvalStats total = EvalStats.EMPTY;
    for (int p = 0; p < wires.length; p++) {
      StepWire.Contrib c = wires[p].readContribution();
      if (c.step() != StepWire.State.VALIDATION) {
        throw new IOException("partition " + p + " sent step " + c.step() + ", expected its validation figures");
      }
      for (ShardSum s : c.sums()) total = total.plus(s.sum().stats());
    }
    return total;
  }

  /** Tells the tasks waiting between epochs that their stage is done. */
  private void endOpen() {
    for (StepChannel w : open) {
      try {
        w.sendEnd();
      } catch (IOException ignored) {
        // that task is gone; the stage's job reports it
      }
    }
    closeAll(open);
    open = null;
  }

  /** One connection per partition (a later attempt replaces an earlier one), failing if the job ends first. */
  private StepChannel[] acceptAll(Stage stage, int epoch) throws IOException {
    int partitions = stage.partitions();
    Future<?> job = stage.job();
    StepChannel[] wires = new StepChannel[partitions];
    long[] attempts = new long[partitions];
    int connected = 0;
    long deadline = System.nanoTime() + stepTimeout.toNanos();
    while (connected < partitions) {
      StepChannel wire = local == null ? null : pollLocal();
      if (wire != null) inMemoryConnections++;
      try {
        if (wire == null) wire = accepted(socket.accept());
      } catch (SocketTimeoutException tick) {
        failIfEnded(job, epoch);
        if (System.nanoTime() > deadline) {
          closeAll(wires);
          throw new IOException("epoch " + (epoch + 1) + ": only " + connected + " of " + partitions
              + " training tasks connected within " + stepTimeout.toSeconds() + " s (-Dsparknn.step.timeout.seconds)");
        }
        continue;
      }
      StepWire.Hello h;
      try {
        h = wire.readHello();
      } catch (IOException bad) {
        wire.close();
        continue;
      }
      if (h.firstEpoch() != stage.firstEpoch() || h.partitions() != partitions || h.partition() < 0
          || h.partition() >= partitions) {
        wire.close(); // a stale task of an earlier stage or job
        continue;
      }
      int p = h.partition();
      if (wires[p] != null) {
        if (h.attempt() < attempts[p]) {
          wire.close();
          continue;
        }
        wires[p].close();
        connected--;
      }
      wires[p] = wire;
      attempts[p] = h.attempt();
      connected++;
    }
    return wires;
  }

  private StepChannel pollLocal() throws IOException {
    try {
      return local.poll(LOCAL_WAIT_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for training tasks");
    }
  }

  private StepWire accepted(Socket s) throws IOException {
    s.setSoTimeout((int) Math.min(Integer.MAX_VALUE, stepTimeout.toMillis()));
    return new StepWire(s);
  }

  private static void failIfEnded(Future<?> job, int epoch) throws IOException {
    if (!job.isDone()) return;
    try {
      job.get();
      throw new IOException("epoch " + (epoch + 1) + ": the training job ended before its steps were done");
    } catch (ExecutionException e) {
      throw new IOException("epoch " + (epoch + 1) + ": the training job failed: " + rootMessage(e), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for training tasks");
    }
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) c = c.getCause();
    return c.getMessage() == null ? c.toString() : c.getMessage();
  }

  private static void abort(StepChannel[] wires, String reason) {
    for (StepChannel w : wires) {
      if (w == null) continue;
      try {
        w.sendAbort(reason);
      } catch (IOException ignored) {
        // that task is gone already
      }
    }
    closeAll(wires);
  }

  private static void closeAll(StepChannel[] wires) {
    for (StepChannel w : wires) {
      if (w == null) continue;
      try {
        w.close();
      } catch (IOException ignored) {
        // closing a dead connection
      }
    }
  }

  /** Also ends the connections of a stage left open between epochs (training stopped before its last epoch). */
  @Override
  public void close() throws IOException {
    if (open != null) {
      abort(open, "training stopped");
      open = null;
    }
    if (localId != null) LocalStepServers.close(localId);
    socket.close();
  }
}
