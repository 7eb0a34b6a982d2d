package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparknn.config.JobConfig;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.data.ShardCutter;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptState;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.partition.Contribution;
import org.sparknn.worker.partition.PartitionTrainer;
import org.sparknn.worker.partition.ShardSet;
import org.sparknn.worker.partition.ShardSum;
import org.sparknn.worker.stream.StepChannel;
import org.sparknn.worker.stream.StepWire;
import org.sparknn.worker.stream.StepWorker;
import org.sparknn.worker.train.Evaluation;
import org.sparknn.worker.train.LocalTrainer;

/**
 * The step server with real step workers on threads (each thread plays a Spark task; the tasks' Spark side is
 * covered by TrainJobEquivalenceTest): the fixed-order sum, the validation pass after each epoch, the resume after a
 * task dies mid-epoch or mid-validation, the abort on a stopping observer, and the bounded waits; over sockets and,
 * for tasks in the server's JVM, in memory.
 */
class StepServerTest {
  private static final int PARTITIONS = 3;
  private static final JobConfig JOB = job(1);
  private static final Block DATA = Fixtures.teacherData(300, 9);
  private static final Block VALIDATION = Fixtures.teacherData(60, 11); // a third of it per partition
  private static final TrainingPlan PLAN = new TrainingPlan(JOB.model(), JOB.optimizer(), JOB.training(), DATA.rows(),
      JOB.parallel().backend());
  private static final ModelState START = ParamInitializer.initialize(JOB.model(), 5);

  private static JobConfig job(int epochs) {
    return JobConfig.parse("model { input = 8, loss = softmax_cross_entropy, layers = ["
        + "{type = dense, units = 16, activation = relu}, {type = dropout, rate = 0.2}, {type = dense, units = 3}] }\n"
        + "optimizer { type = adam, lr = 0.01 }\ntraining { epochs = " + epochs
        + ", batch_size = 32, seed = 5, shards = 6 }\ndata { train = unused }\noutput = step-server-test", "test",
        List.of());
  }

  /** One stage of one epoch, and one stage of two (each epoch in its own sample order), against one process. */
  @ParameterizedTest(name = "epochs: {0}, in memory: {1}")
  @CsvSource({"1, false", "1, true", "2, false", "2, true"})
  void aStreamedStageTrainsLikeOneProcess(int epochs, boolean inMemory) throws Exception {
    ModelState streamed = stage(epochs, -1, inMemory, false).ps().state();
    JobConfig job = job(epochs);
    ModelState reference = new LocalTrainer(new CpuBackend(), job.model(), job.optimizer(), job.training())
        .train(START, DATA, null, e -> { }).state();
    for (int i = 0; i < reference.params().length; i++) {
      assertEquals(reference.params()[i], streamed.params()[i], 1e-5, "parameter " + i);
    }
  }

  /** Lost at step 5 of the first epoch, and at step 3 of the second (the relaunched stage starts in epoch 1). */
  @ParameterizedTest(name = "dies after {0} steps, in memory: {1}")
  @CsvSource({"4, false", "4, true", "12, false", "12, true"})
  void aTaskLostMidStageCostsOneStepAndChangesNoBit(int dieAfter, boolean inMemory) throws Exception {
    assertTrue(dieAfter < 2 * PLAN.stepsPerEpoch(), "the test's stage has two epochs");
    ParameterServer uninterrupted = stage(2, -1, false, false).ps();
    ParameterServer relaunched = stage(2, dieAfter, inMemory, false).ps();
    assertArrayEquals(uninterrupted.state().params(), relaunched.state().params());
    assertArrayEquals(uninterrupted.optState().flatSlots(), relaunched.optState().flatSlots());
    assertEquals(uninterrupted.optState().step(), relaunched.optState().step());
  }

  /**
   * The stage's tasks evaluate their validation rows after each epoch: the sums are those of one process evaluating
   * the whole set with the final state, and validating changes no parameter.
   */
  @ParameterizedTest(name = "in memory: {0}")
  @ValueSource(booleans = {false, true})
  void aStageValidatesAfterEveryEpoch(boolean inMemory) throws Exception {
    StageRun run = stage(2, -1, inMemory, true);
    assertEquals(2, run.validations().size(), "one validation pass per epoch");
    EvalStats last = run.validations().get(1);
    EvalStats reference = Evaluation.of(new CpuBackend().compile(JOB.model(), VALIDATION.rows()), run.ps().state(),
        VALIDATION);
    assertEquals(VALIDATION.rows(), last.samples());
    assertEquals(reference.correct(), last.correct());
    assertEquals(reference.lossSum(), last.lossSum(), 1e-6 * Math.abs(reference.lossSum())); // other row groups
    assertArrayEquals(stage(2, -1, false, false).ps().state().params(), run.ps().state().params());
  }

  /** Partition 1's task vanishes when asked for epoch 1's validation figures; the relaunched stage answers. */
  @ParameterizedTest(name = "in memory: {0}")
  @ValueSource(booleans = {false, true})
  void aTaskLostDuringValidationIsRelaunchedAndChangesNothing(boolean inMemory) throws Exception {
    StageRun uninterrupted = stage(2, -1, false, true);
    StageRun relaunched = stage(2, (int) PLAN.stepsPerEpoch(), inMemory, true);
    assertEquals(uninterrupted.validations(), relaunched.validations());
    assertArrayEquals(uninterrupted.ps().state().params(), relaunched.ps().state().params());
    assertArrayEquals(uninterrupted.ps().optState().flatSlots(), relaunched.ps().optState().flatSlots());
  }

  /**
   * The exchange's serialization is timed on both ends over sockets (the server encoding states and decoding sums,
   * each task decoding and encoding), every epoch of the stage, and is zero in memory, where nothing is encoded.
   */
  @ParameterizedTest(name = "in memory: {0}")
  @ValueSource(booleans = {false, true})
  void theExchangesSerializationIsTimedOnBothEnds(boolean inMemory) throws Exception {
    for (StepServer.EpochResult r : stage(2, -1, inMemory, false).epochs()) {
      if (inMemory) {
        assertEquals(0, r.serializeNanos(), "the server encoded nothing in memory");
        assertEquals(0, r.taskSerializeNanos(), "the tasks encoded nothing in memory");
      } else {
        assertTrue(r.serializeNanos() > 0, "the server's encoding and decoding: " + r.serializeNanos());
        assertTrue(r.taskSerializeNanos() > 0, "the tasks' encoding and decoding: " + r.taskSerializeNanos());
      }
    }
  }

  @ParameterizedTest(name = "in memory: {0}")
  @ValueSource(booleans = {false, true})
  void aStoppingObserverAbortsTheTasksAndTheEpoch(boolean inMemory) throws Exception {
    try (StepServer server = new StepServer("127.0.0.1", "127.0.0.1", Duration.ofSeconds(30), inMemory)) {
      ParameterServer ps = parameterServer();
      CompletableFuture<Void> job = new CompletableFuture<>();
      AtomicLong[] results = new AtomicLong[PARTITIONS];
      List<Thread> tasks = startTasks(server, 0, results);
      IllegalStateException stop = assertThrows(IllegalStateException.class,
          () -> server.runEpoch(new StepServer.Stage(0, 0, PARTITIONS, job), 0, 0, PLAN.stepsPerEpoch(), false, false, ps,
              (step, total) -> {
            if (step == 2) throw new IllegalStateException("diverged at step 3");
          }));
      assertEquals("diverged at step 3", stop.getMessage());
      for (Thread t : tasks) t.join(10_000);
      for (AtomicLong r : results) assertEquals(-1, r.get(), "each task is told the epoch stopped");
      assertEquals(inMemory ? PARTITIONS : 0, server.inMemoryConnections(), "connections made in memory");
      assertEquals(3, ps.optState().step(), "steps 1-3 were applied, no more");
    }
  }

  @Test
  void waitingForTasksIsBounded() throws Exception {
    try (StepServer server = new StepServer("127.0.0.1", "127.0.0.1", Duration.ofSeconds(1), true)) {
      IOException e = assertThrows(IOException.class, () -> server.runEpoch(new StepServer.Stage(0, 0, PARTITIONS,
          new CompletableFuture<>()), 0, 0, PLAN.stepsPerEpoch(), false, false, parameterServer(), (s, t) -> { }));
      assertTrue(e.getMessage().contains("only 0 of 3 training tasks connected within 1 s"), e.getMessage());
    }
  }

  @Test
  void aFailedJobEndsTheWait() throws Exception {
    try (StepServer server = new StepServer("127.0.0.1", "127.0.0.1", Duration.ofSeconds(60), true)) {
      CompletableFuture<Void> job = new CompletableFuture<>();
      job.completeExceptionally(new RuntimeException("executor lost: out of memory"));
      IOException e = assertThrows(IOException.class, () -> server.runEpoch(new StepServer.Stage(0, 0, PARTITIONS,
          job), 0, 0, PLAN.stepsPerEpoch(), false, false, parameterServer(), (s, t) -> { }));
      assertTrue(e.getMessage().contains("the training job failed: executor lost: out of memory"), e.getMessage());
    }
  }

  /**
   * The parameter server after a stage, the validation figures of each of its epochs (if it validated), and what
   * the server reported for each epoch.
   */
  private record StageRun(ParameterServer ps, List<EvalStats> validations, List<StepServer.EpochResult> epochs) {}

  /**
   * Epochs [0, epochs) as one stage on three tasks, evaluating {@link #VALIDATION} after each epoch when
   * {@code validate}; with {@code dieAfter} >= 0, partition 1's task dies after answering that many messages (steps
   * and validation requests, counted across epochs) and the stage is relaunched.
   */
  private static StageRun stage(int epochs, int dieAfter, boolean inMemory, boolean validate) throws Exception {
    try (StepServer server = new StepServer("127.0.0.1", "127.0.0.1", Duration.ofSeconds(30), inMemory)) {
      ParameterServer ps = parameterServer();
      CompletableFuture<Void> job = new CompletableFuture<>();
      Thread relauncher = new Thread(() -> {
        try {
          if (dieAfter >= 0) {
            List<Thread> first = startTasks(server, 0, null, dieAfter);
            for (Thread t : first) t.join();
          }
          for (Thread t : startTasks(server, 1, null)) t.join();
          job.complete(null);
        } catch (Exception e) {
          job.completeExceptionally(e);
        }
      });
      relauncher.start();
      StepServer.Stage stage = new StepServer.Stage(0, epochs - 1, PARTITIONS, job);
      long samples = 0;
      int relaunches = 0;
      List<EvalStats> validations = new ArrayList<>();
      List<StepServer.EpochResult> results = new ArrayList<>();
      for (int epoch = 0; epoch < epochs; epoch++) {
        StepServer.EpochResult r = server.runEpoch(stage, epoch, 0, PLAN.stepsPerEpoch(), false, validate, ps,
            (s, t) -> { });
        results.add(r);
        samples += r.trained().samples();
        relaunches += r.relaunches();
        if (validate) validations.add(r.validation());
      }
      relauncher.join();
      job.get();
      int connections = PARTITIONS * (dieAfter >= 0 ? 2 : 1);
      assertEquals(inMemory ? connections : 0, server.inMemoryConnections(), "connections made in memory");
      assertEquals(dieAfter >= 0 ? 1 : 0, relaunches);
      assertEquals((long) epochs * DATA.rows(), samples,
          "every sample trained once an epoch, the lost step not counted");
      return new StageRun(ps, validations, results);
    }
  }

  private static ParameterServer parameterServer() {
    OptState opt = JOB.optimizer().create().init(START.params().length);
    return new ParameterServer(JOB.optimizer(), START.copy(), opt);
  }

  private static List<Thread> startTasks(StepServer server, int attempt, AtomicLong[] results) {
    return startTasks(server, attempt, results, -1);
  }

  /** The partitions' tasks as threads; a task with {@code dieAfter} >= 0 (partition 1) drops its connection. */
  private static List<Thread> startTasks(StepServer server, int attempt, AtomicLong[] results, int dieAfter) {
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      int partition = p;
      Thread t = new Thread(() -> {
        StepWire.Hello hello = new StepWire.Hello(partition, PARTITIONS, 0, attempt);
        PartitionTrainer trainer = new PartitionTrainer(new CpuBackend().compile(JOB.model(), 32), JOB.optimizer(),
            JOB.training());
        try {
          long n = partition == 1 && dieAfter >= 0 ? dyingTask(server.address(), hello, trainer, dieAfter)
              : StepWorker.run(server.address(), hello, shards(partition), trainer, PLAN.stepsPerEpoch(), 0,
              validation(partition), (epoch, step) -> { });
          if (results != null) results[partition] = new AtomicLong(n);
        } catch (IOException lost) {
          if (results != null) results[partition] = new AtomicLong(-2);
        }
      });
      t.start();
      threads.add(t);
    }
    return threads;
  }

  /**
   * A task that answers {@code messages} messages (steps of any epochs, validation requests), then vanishes while
   * the server waits for more.
   */
  private static long dyingTask(StepWorker.Server address, StepWire.Hello hello, PartitionTrainer trainer,
      int messages) throws IOException {
    int lo = ShardSet.firstShard(1, PARTITIONS, JOB.training().shards());
    int hi = ShardSet.firstShard(2, PARTITIONS, JOB.training().shards());
    try (StepChannel wire = StepWorker.connect(address)) {
      wire.sendHello(hello);
      for (int i = 0; i < messages; i++) {
        StepWire.State s = wire.readState();
        if (s.validation()) {
          EvalStats v = validation(1).evaluate(s.model());
          wire.sendContribution(s.step(), false, List.of(new ShardSum(lo, hi, new Contribution(new float[0],
              new float[0], new float[0], v.samples(), v, 0, 0))));
        } else {
          wire.sendContribution(s.step(), false, trainer.gradientSums(shards(1), lo, hi, s.model(), s.epoch(),
              s.step(), s.epoch() * PLAN.stepsPerEpoch() + s.step()));
        }
      }
      wire.readState();
    }
    return messages;
  }

  /** Partition p's validation rows: the p-th third of {@link #VALIDATION}. */
  private static StepWorker.Validation validation(int partition) {
    int rows = VALIDATION.rows() / PARTITIONS;
    Block mine = VALIDATION.copyOfRows(partition * rows, (partition + 1) * rows);
    return state -> Evaluation.of(new CpuBackend().compile(JOB.model(), rows), state, mine);
  }

  /** Partition p's shards, placed as ShardPartitioner places them. */
  private static ShardSet shards(int partition) {
    int shards = JOB.training().shards();
    ShardPartitioner placement = new ShardPartitioner(shards, PARTITIONS);
    List<ShardBlock> held = new ArrayList<>();
    for (ShardBlock b : ShardCutter.cut(DATA, 0, shards)) {
      if (placement.getPartition(b.shard()) == partition) held.add(b);
    }
    return new ShardSet(held, DATA.rows(), shards);
  }
}
