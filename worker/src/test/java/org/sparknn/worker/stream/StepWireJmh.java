package org.sparknn.worker.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.ShardSum;

/**
 * One streamed step's exchange without the arithmetic: a task's contribution (gradient-sized) to the server and the
 * new state back, at B1's and B2's parameter counts, over loopback TCP ({@link StepWire}, as between JVMs) and in
 * memory ({@link LocalStepChannel}, as in local mode). An echo thread plays the server.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1)
public class StepWireJmh {
  @Param({"109386", "1863690"})
  public int size;

  @Param({"socket", "memory"})
  public String transport;

  private ServerSocket listener;
  private Thread echo;
  private StepChannel task;
  private java.util.List<ShardSum> contribution;

  @Setup(Level.Trial)
  public void setup() throws IOException {
    StepChannel serverEnd;
    if (transport.equals("memory")) {
      LocalStepChannel[] ends = LocalStepChannel.pair(60_000);
      task = ends[0];
      serverEnd = ends[1];
    } else {
      listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      Socket taskSocket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort());
      serverEnd = new StepWire(listener.accept());
      task = new StepWire(taskSocket);
    }
    echo = new Thread(() -> {
      try (StepChannel server = serverEnd) {
        while (true) {
          StepWire.Contrib c = server.readContribution();
          server.sendState(0, c.step() + 1, new ModelState(c.sums().get(0).sum().sum(), new float[0]), null);
        }
      } catch (IOException closed) {
        // the benchmark ended
      }
    });
    echo.setDaemon(true);
    echo.start();
    contribution = java.util.List.of(new ShardSum(0, 16,
        new Contribution(new float[size], new float[0], new float[0], 64, EvalStats.EMPTY, 0, 0)));
  }

  @Benchmark
  public StepWire.State exchange() throws IOException {
    task.sendContribution(0, true, contribution);
    return task.readState();
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    task.close();
    if (listener != null) listener.close();
  }
}
