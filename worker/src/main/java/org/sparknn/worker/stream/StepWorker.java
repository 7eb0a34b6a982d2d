package org.sparknn.worker.stream;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.PartitionTrainer;
import org.sparknn.worker.partition.ShardSet;
import org.sparknn.worker.partition.ShardSum;

/**
 * The task side of streamed epochs: connect to the step server, then, until it says the stage is done, compute
 * this partition's contribution to the epoch and step (or averaging round) it names from the state it sent, and
 * send it back. One task may run several epochs this way. The server decides where to start (a relaunched task
 * resumes at the server's current epoch and step), so the task keeps no state of its own.
 */
public final class StepWorker {
  /**
   * Called after each step's contribution is computed, before it is sent (a test hook can fail the task here); after
   * a validation pass with step {@link StepWire.State#VALIDATION}.
   */
  public interface AfterCompute {
    void step(int epoch, long step);
  }

  /** Evaluates this partition's validation rows (inference mode) with a state; {@link #NONE} when it holds none. */
  public interface Validation {
    Validation NONE = state -> EvalStats.EMPTY;

    EvalStats evaluate(ModelState state);
  }

  /**
   * Where the server listens and how long to wait for it; {@code localId} names it in {@link LocalStepServers}
   * (null: sockets only), so that a task in the server's own JVM connects in memory.
   */
  public record Server(String host, int port, int connectTimeoutMillis, String localId)
      implements java.io.Serializable {}

  private StepWorker() {}

  /**
   * Runs the steps (or averaging rounds) the server asks for, of whichever epochs, for this partition; returns how
   * many it computed, or -1 if the server stopped the run. A state without optimizer state asks for global step
   * {@code s.step()}'s gradient sums; one with it asks for averaging round {@code s.step()}: local steps from
   * {@code s.step() * roundSteps}, at most {@code roundSteps} of them. {@code data} is null for a partition
   * holding no shard: it still takes part, contributing nothing, so the server hears from every partition. The
   * partition's shard range is the one {@link ShardSet#firstShard} gives it. A validation request is answered with
   * {@code validation}'s figures for the state it names.
   */
  public static long run(Server server, StepWire.Hello hello, ShardSet data, PartitionTrainer trainer,
      long stepsPerEpoch, int roundSteps, Validation validation, AfterCompute afterCompute) throws IOException {
    try (StepChannel wire = connect(server)) {
      wire.sendHello(hello);
      long computed = 0;
      int lo = ShardSet.firstShard(hello.partition(), hello.partitions(), trainer.shards());
      int hi = ShardSet.firstShard(hello.partition() + 1, hello.partitions(), trainer.shards());
      try {
        for (StepWire.State s = wire.readState(); s != null; s = wire.readState()) {
          if (s.validation()) {
            wire.sendContribution(s.step(), false, List.of(validated(lo, hi, validation, s, afterCompute)));
            continue;
          }
          List<ShardSum> sums = s.optimizer() == null
              ? trainer.gradientSums(data, lo, hi, s.model(), s.epoch(), s.step(),
                  s.epoch() * stepsPerEpoch + s.step())
              : trainer.localSums(data, lo, hi, s.model(), s.optimizer(), s.epoch(), s.step() * roundSteps,
                  roundSteps);
          afterCompute.step(s.epoch(), s.step());
          wire.sendContribution(s.step(), trainer.deterministic(), sums);
          computed++;
          if (s.optimizer() == null) { // the next step's rows, while the driver updates (the next epoch's first)
            boolean epochEnd = s.step() + 1 >= stepsPerEpoch;
            trainer.prepare(data, epochEnd ? s.epoch() + 1 : s.epoch(), epochEnd ? 0 : s.step() + 1);
          }
        }
      } catch (StepAbortedException stopped) {
        return -1; // the driver stopped the run and reports why; failing here would only make Spark retry
      }
      return computed;
    }
  }

  /** The validation figures as a contribution without arrays: samples and the loss/accuracy sums. */
  private static ShardSum validated(int lo, int hi, Validation validation, StepWire.State s, AfterCompute after) {
    long started = System.nanoTime();
    EvalStats stats = validation.evaluate(s.model());
    after.step(s.epoch(), s.step());
    return new ShardSum(lo, hi, new Contribution(new float[0], new float[0], new float[0], stats.samples(), stats, 0,
        System.nanoTime() - started));
  }

  /** In memory when the server is in this JVM (local mode), else a socket. */
  public static StepChannel connect(Server server) throws IOException {
    StepChannel local = LocalStepServers.connect(server.localId(), server.connectTimeoutMillis());
    if (local != null) return local;
    Socket socket = new Socket();
    socket.connect(new InetSocketAddress(server.host(), server.port()), server.connectTimeoutMillis());
    return new StepWire(socket);
  }
}
