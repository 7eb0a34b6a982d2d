package org.sparknn.driver.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sparknn.driver.Bits;
import org.sparknn.driver.cli.Main;

/**
 * Must-show 1 of the reproducibility issue on Fashion-MNIST (its first 2,000 training images; synthetic images of
 * the same shape where the data set is not installed), through the command line as users run it: the MLP and the
 * CNN of conf/, each with a dropout layer added, Adam, training.deterministic = true, 2 epochs, in sync = step and
 * in an averaging mode, on 1, 2, 4 and 8 partitions of 16 shards in local[8] (so step mode streams at every count).
 * Every run's parameters and buffers must equal the 1-partition run's, bit for bit.
 */
class DeterministicFashionMnistTest {
  private static final String MLP = "[{type = dense, units = 128, activation = relu}, {type = dropout, rate = 0.2},"
      + " {type = dense, units = 64, activation = relu}, {type = dense, units = 10}]";
  private static final String CNN = "[{type = conv2d, filters = 32, kernel = 3, activation = relu},"
      + " {type = maxpool2d, size = 2}, {type = conv2d, filters = 64, kernel = 3, activation = relu},"
      + " {type = maxpool2d, size = 2}, {type = flatten}, {type = dropout, rate = 0.25},"
      + " {type = dense, units = 512, activation = relu}, {type = dense, units = 10}]";

  @TempDir
  static Path dir;

  @BeforeAll
  static void data() throws IOException {
    System.out.println("data: " + StandaloneClusterIT.writeData(dir.resolve("data")));
  }

  @ParameterizedTest(name = "{0}, sync = {1}")
  @CsvSource({"mlp, step", "mlp, epoch", "cnn, step", "cnn, 4"})
  void oneTwoFourAndEightPartitionsTrainTheSameBits(String model, String sync) throws IOException {
    Path config = dir.resolve(model + "-" + sync + ".conf");
    Files.writeString(config, "model { input = " + (model.equals("mlp") ? "784" : "[1, 28, 28]")
        + ", loss = softmax_cross_entropy, layers = " + (model.equals("mlp") ? MLP : CNN) + " }\n"
        + "optimizer { type = adam, lr = 1e-3 }\n"
        + "training { epochs = 2, batch_size = 64, seed = 42, shards = 16, sync = " + sync
        + ", deterministic = true }\n"
        + "data { train = \"" + dir.resolve("data/train") + "\", validation_split = 0, scaling = unit }\n");
    Path first = null;
    for (int partitions : new int[] {1, 2, 4, 8}) {
      Path out = dir.resolve(model + "-" + sync + "-p" + partitions);
      int code = Main.commandLine().execute("train", config.toString(), "--master", "local[8]", "--progress",
          "lines", "--set", "training.partitions=" + partitions, "--output", out.toString());
      assertEquals(0, code, "training on " + partitions + " partitions failed");
      if (first == null) first = out; else Bits.assertSameModel(first, out);
    }
  }
}
