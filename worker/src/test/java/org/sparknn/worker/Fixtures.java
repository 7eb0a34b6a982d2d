package org.sparknn.worker;

import com.typesafe.config.ConfigFactory;
import org.sparknn.config.ModelConfig;
import org.sparknn.config.OptimizerConfig;
import org.sparknn.data.Block;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.spec.ModelSpec;

/** Models, optimizers and data shared by the worker's and the driver's tests. */
public final class Fixtures {
  /** The 784-128-64-10 ReLU MLP of the issues and benchmarks. */
  public static final String MLP = "input = 784, loss = softmax_cross_entropy, layers = ["
      + "{type = dense, units = 128, activation = relu}, {type = dense, units = 64, activation = relu},"
      + "{type = dense, units = 10}]";

  private Fixtures() {}

  public static ModelSpec model(String hocon) {
    return ModelConfig.parse(ConfigFactory.parseString(hocon), "model");
  }

  public static OptimizerSpec optimizer(String hocon) {
    return OptimizerConfig.parse(ConfigFactory.parseString(hocon), "optimizer");
  }

  /**
   * A task no model can fake: 8 features in [-1, 1), labels (3 classes) from a fixed random "teacher" function.
   * A majority-class guess scores about 0.4; a small trained network above 0.85.
   */
  public static Block teacherData(int rows, long seed) {
    Block b = Block.allocate(rows, 8, 1);
    long key = CounterRandom.key(seed, RandomPurpose.SHUFFLE, 1);
    long teacher = CounterRandom.key(1234, RandomPurpose.INIT, 1);
    for (int r = 0; r < rows; r++) {
      double[] score = new double[3];
      for (int j = 0; j < 8; j++) {
        float v = 2f * CounterRandom.uniform(key, (long) r * 8 + j) - 1f;
        b.x()[r * 8 + j] = v;
        for (int c = 0; c < 3; c++) score[c] += Math.tanh(v * (CounterRandom.uniform(teacher, j * 3L + c) - 0.5) * 4);
      }
      b.y()[r] = score[0] >= score[1] ? (score[0] >= score[2] ? 0 : 2) : (score[1] >= score[2] ? 1 : 2);
    }
    return b;
  }
}
