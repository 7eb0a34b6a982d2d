package org.sparknn.worker.partition;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.sparknn.config.TrainSettings;
import org.sparknn.data.Block;
import org.sparknn.data.ShardBlock;
import org.sparknn.data.ShardCutter;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.train.LocalTrainer;
import org.sparknn.worker.Fixtures;

/**
 * The partitioned computation, without Spark: partitions holding whole shards, their contributions summed, must
 * train the same model as {@link LocalTrainer} on the same data. Tolerance: gradients are summed per partition
 * then across partitions, a different float summation order than one batch; after a few steps parameters agree
 * to about 1e-6 relative, so we allow 1e-4 absolute (parameters are of order 0.1-1).
 */
class PartitionTrainerTest {
  static final ModelSpec SPEC = Fixtures.model("input = 8, loss = softmax_cross_entropy, layers = ["
      + "{type = dense, units = 16, activation = relu}, {type = dropout, rate = 0.2}, {type = dense, units = 3}]");

  /** The data cut in file-order blocks of 37 rows, sharded, and dealt to partitions (shard k to k mod P). */
  static List<ShardSet> partitions(Block data, int shards, int partitions) {
    List<List<ShardBlock>> dealt = new ArrayList<>();
    for (int p = 0; p < partitions; p++) dealt.add(new ArrayList<>());
    for (int start = 0; start < data.rows(); start += 37) {
      Block piece = data.copyOfRows(start, Math.min(data.rows(), start + 37));
      for (ShardBlock sb : ShardCutter.cut(piece, start, shards)) dealt.get(sb.shard() % partitions).add(sb);
    }
    List<ShardSet> sets = new ArrayList<>();
    for (List<ShardBlock> blocks : dealt) sets.add(new ShardSet(blocks, data.rows(), shards));
    return sets;
  }

  @ParameterizedTest
  @CsvSource({"1, sgd", "2, sgd", "4, sgd", "1, adam", "2, adam", "4, adam"})
  void summedGradientStepsEqualSingleProcessTraining(int partitionCount, String optimizerType) {
    Block data = Fixtures.teacherData(300, 9);
    TrainSettings settings = new TrainSettings(2, 32, 5, true, 8);
    OptimizerSpec opt = Fixtures.optimizer("type = " + optimizerType + ", lr = 0.05");
    ModelState start = ParamInitializer.initialize(SPEC, 5);
    ModelState reference = new LocalTrainer(new CpuBackend(), SPEC, opt, settings)
        .train(start, data, null, e -> { }).state();

    List<ShardSet> parts = partitions(data, 8, partitionCount);
    PartitionTrainer trainer = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings);
    Optimizer update = opt.create();
    ModelState state = start.copy();
    OptState optState = update.init(state.params().length);
    long steps = (300 + 31) / 32;
    long globalStep = 0;
    for (int epoch = 0; epoch < 2; epoch++) {
      for (long s = 0; s < steps; s++, globalStep++) {
        Contribution total = Contribution.empty();
        for (ShardSet part : parts) total = total.plus(trainer.gradientStep(part, state, epoch, s, globalStep));
        float[] grads = total.sum();
        for (int i = 0; i < grads.length; i++) grads[i] /= total.samples();
        update.update(state.params(), grads, optState);
      }
    }
    for (int i = 0; i < reference.params().length; i++) {
      assertEquals(reference.params()[i], state.params()[i], 1e-4, "parameter " + i);
    }
  }

  /**
   * A streamed epoch calls gradientSums and localSums every step: they must hand back the same arrays each time
   * (a fresh multi-megabyte array per step kept G1 collecting all the time), with the same values as fresh ones.
   */
  @ParameterizedTest
  @CsvSource({"false", "true"})
  void streamedSumsReuseTheirArrays(boolean deterministic) {
    Block data = Fixtures.teacherData(300, 9);
    TrainSettings settings = new TrainSettings(2, 32, 5, true, 8, 0, deterministic, 0);
    OptimizerSpec opt = Fixtures.optimizer("type = adam, lr = 0.05");
    ModelState state = ParamInitializer.initialize(SPEC, 5);
    OptState optState = opt.create().init(state.params().length);
    ShardSet all = partitions(data, 8, 1).get(0);
    PartitionTrainer trainer = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings);
    float[] first = trainer.gradientSums(all, 0, 8, state, 0, 0, 0).get(0).sum().sum();
    float[] firstValues = first.clone();
    float[] second = trainer.gradientSums(all, 0, 8, state, 0, 1, 1).get(0).sum().sum();
    assertSame(first, second, "gradient sums of consecutive steps");
    float[] again = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings)
        .gradientSums(all, 0, 8, state, 0, 0, 0).get(0).sum().sum();
    assertArrayEquals(firstValues, again, "a reused array holds what a fresh one would");

    Contribution round = trainer.localSums(all, 0, 8, state, optState, 0, 0, 2).get(0).sum();
    float[] params = round.sum();
    float[] slots = round.optSlots();
    float[] paramValues = params.clone();
    Contribution next = trainer.localSums(all, 0, 8, state, optState, 0, 2, 2).get(0).sum();
    assertSame(params, next.sum(), "averaged parameters of consecutive rounds");
    assertSame(slots, next.optSlots(), "averaged optimizer slots of consecutive rounds");
    Contribution fresh = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings)
        .localSums(all, 0, 8, state, optState, 0, 0, 2).get(0).sum();
    assertArrayEquals(paramValues, fresh.sum(), "a reused round holds what a fresh one would");
  }

  /**
   * Rows assembled ahead (for the step asked next, for another step or epoch, or twice) never change a step's
   * gradient: the trainer uses them only for the epoch and step they were assembled for.
   */
  @Test
  void rowsAssembledAheadGiveTheSameGradients() {
    Block data = Fixtures.teacherData(300, 9);
    TrainSettings settings = new TrainSettings(2, 32, 5, true, 8, 0, false, 0);
    OptimizerSpec opt = Fixtures.optimizer("type = adam, lr = 0.05");
    ModelState state = ParamInitializer.initialize(SPEC, 5);
    ShardSet held = partitions(data, 8, 2).get(1);
    int lo = ShardSet.firstShard(1, 2, 8);
    PartitionTrainer fresh = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings);
    PartitionTrainer ahead = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings);
    long[][] prepared = {{0, 3}, {1, 3}, {0, 2}, {1, 0}}; // epoch, step assembled before computing epoch e, step 3
    for (int e = 0; e < 2; e++) {
      for (long[] p : prepared) {
        ahead.prepare(held, (int) p[0], p[1]);
        float[] got = ahead.gradientSums(held, lo, 8, state, e, 3, 3).get(0).sum().sum().clone();
        float[] want = fresh.gradientSums(held, lo, 8, state, e, 3, 3).get(0).sum().sum();
        assertArrayEquals(want, got, "epoch " + e + ", step 3, rows assembled for epoch " + p[0] + ", step " + p[1]);
      }
    }
  }

  @Test
  void oneLocalRoundPerEpochOnOnePartitionIsPlainLocalTraining() {
    Block data = Fixtures.teacherData(300, 9);
    TrainSettings settings = new TrainSettings(2, 32, 5, true, 8);
    OptimizerSpec opt = Fixtures.optimizer("type = adam, lr = 0.01");
    ModelState start = ParamInitializer.initialize(SPEC, 5);
    ModelState reference = new LocalTrainer(new CpuBackend(), SPEC, opt, settings)
        .train(start, data, null, e -> { }).state();

    ShardSet all = partitions(data, 8, 1).get(0);
    PartitionTrainer trainer = new PartitionTrainer(new CpuBackend().compile(SPEC, 32), opt, settings);
    ModelState state = start.copy();
    OptState optState = opt.create().init(state.params().length);
    for (int epoch = 0; epoch < 2; epoch++) {
      Contribution c = trainer.localRound(all, state, optState, epoch, 0, Integer.MAX_VALUE);
      for (int i = 0; i < c.sum().length; i++) state.params()[i] = c.sum()[i] / c.samples();
      float[] slots = new float[c.optSlots().length];
      for (int i = 0; i < slots.length; i++) slots[i] = c.optSlots()[i] / c.samples();
      optState = new OptState(c.optStep(), state.params().length, slots);
    }
    // weights x 300 / 300 in float may move the last bit: compare within 1e-6 relative
    for (int i = 0; i < reference.params().length; i++) {
      assertEquals(reference.params()[i], state.params()[i], 1e-6 * Math.max(1, Math.abs(reference.params()[i])));
    }
  }

  @Test
  void everySampleIsHeldExactlyOnceAcrossPartitions() {
    Block data = Fixtures.teacherData(301, 2);
    long held = 0;
    for (ShardSet s : partitions(data, 16, 4)) held += s.heldSamples();
    assertEquals(301, held);
    ShardSet one = partitions(data, 16, 1).get(0);
    Block row = Block.allocate(1, 8, 1);
    one.copyMember(5, 3, row, 0); // member 3 of shard 5 is sample 5 + 3 * 16 = 53
    assertArrayEquals(data.copyOfRows(53, 54).x(), row.x());
  }

  @Test
  void aPartitionWithAnIncompleteShardIsRejected() {
    Block data = Fixtures.teacherData(100, 2);
    List<ShardBlock> pieces = ShardCutter.cut(data.copyOfRows(0, 50), 0, 4); // shard members of samples 50.. missing
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new ShardSet(pieces, 100, 4));
    assertEquals("shard 0 holds 13 members, expected 25", e.getMessage());
  }
}
