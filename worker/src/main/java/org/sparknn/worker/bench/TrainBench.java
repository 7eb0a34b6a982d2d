package org.sparknn.worker.bench;

import com.typesafe.config.ConfigFactory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.sparknn.config.ModelConfig;
import org.sparknn.config.OptimizerConfig;
import org.sparknn.config.TrainSettings;
import org.sparknn.data.Block;
import org.sparknn.data.FashionMnist;
import org.sparknn.data.FeatureScaling;
import org.sparknn.init.ParamInitializer;
import org.sparknn.io.IdxDataset;
import org.sparknn.spec.ModelSpec;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.cpu.Gemm;
import org.sparknn.worker.train.EpochReport;
import org.sparknn.worker.train.LocalTrainer;

/**
 * Single-process training throughput on the CPU backend: the 784-128-64-10 ReLU MLP with Adam (lr 1e-3, batch 64)
 * on Fashion-MNIST's 60,000 training samples (synthetic data of the same shape if the set is not installed), or
 * B3's CNN with Nesterov SGD on the first 6,400. The batch can be chosen: 32 is what each task of B3 in local[2]
 * computes per step (half of the global 64), so its samples/s there is one partition's compute rate.
 * Timed: the training steps of each epoch (batch assembly, forward, backward, optimizer update), not data
 * loading or evaluation. Prints samples/s per epoch and the median; the first epoch includes JIT warm-up. Also
 * samples per second of this thread's CPU time, which other processes on a shared machine disturb far less than
 * the wall clock (it still counts BLAS, which runs on this thread with OPENBLAS_NUM_THREADS=1).
 *
 * <p>Usage: {@code TrainBench [epochs] [mlp|wide|cnn] [batch]}, default 4 mlp 64. {@code wide} is B2's
 * 784-1024-1024-10 MLP (Adam, on the first 12,800 samples). A Spark task of local[2] trains at half the global
 * batch: {@code TrainBench 4 mlp 32}, {@code TrainBench 2 wide 128} and {@code TrainBench 4 cnn 32} time one
 * task's steps of B1, B2 and B3. Run it with OPENBLAS_NUM_THREADS=1 to time one Spark task's single BLAS thread.
 */
public final class TrainBench {
  static final String MLP = "input = 784, loss = softmax_cross_entropy, layers = ["
      + "{type = dense, units = 128, activation = relu}, {type = dense, units = 64, activation = relu},"
      + "{type = dense, units = 10}]";
  static final String WIDE = "input = 784, loss = softmax_cross_entropy, layers = ["
      + "{type = dense, units = 1024, activation = relu}, {type = dense, units = 1024, activation = relu},"
      + "{type = dense, units = 10}]";
  static final String CNN = "input = [1, 28, 28], loss = softmax_cross_entropy, layers = ["
      + "{type = conv2d, filters = 32, kernel = 3, activation = relu}, {type = maxpool2d, size = 2},"
      + "{type = conv2d, filters = 64, kernel = 3, activation = relu}, {type = maxpool2d, size = 2},"
      + "{type = flatten}, {type = dense, units = 512, activation = relu}, {type = dense, units = 10}]";

  private TrainBench() {}

  public static void main(String[] args) throws Exception {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
    String model = args.length > 1 ? args[1] : "mlp";
    int batch = args.length > 2 ? Integer.parseInt(args[2]) : 64;
    boolean cnn = model.equals("cnn");
    boolean wide = model.equals("wide");
    ModelSpec spec = ModelConfig.parse(ConfigFactory.parseString(cnn ? CNN : wide ? WIDE : MLP), "model");
    String optimizer = cnn ? "type = nesterov, lr = 0.01, momentum = 0.9" : "type = adam, lr = 1e-3";
    Block train = data();
    if (cnn) train = train.copyOfRows(0, Math.min(train.rows(), 6400)); // the CNN is ~20x slower per sample
    if (wide) train = train.copyOfRows(0, Math.min(train.rows(), 12800)); // B2 is ~15x slower per sample
    LocalTrainer trainer = new LocalTrainer(new CpuBackend(), spec,
        OptimizerConfig.parse(ConfigFactory.parseString(optimizer), "optimizer"),
        new TrainSettings(epochs, batch, 42, true));
    double[] rates = new double[epochs];
    double[] cpuRates = new double[epochs];
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long[] cpuMark = {threads.getCurrentThreadCpuTime()}; // epochs report on this thread, without evaluation
    System.out.printf("model %s, batch %d, BLAS %s, %,d samples per epoch%n",
        cnn ? "cnn" : wide ? "mlp 784-1024-1024-10" : "mlp 784-128-64-10", batch, Gemm.implementation(), train.rows());
    trainer.train(ParamInitializer.initialize(spec, 42), train, null, (EpochReport r) -> {
      long cpu = threads.getCurrentThreadCpuTime();
      rates[r.epoch() - 1] = r.samplesPerSecond();
      cpuRates[r.epoch() - 1] = r.train().samples() / ((cpu - cpuMark[0]) / 1e9);
      cpuMark[0] = cpu;
      System.out.printf("epoch %d: %,.0f samples/s (%.2f s), %,.0f samples/s of CPU time, train loss %.4f%n",
          r.epoch(), r.samplesPerSecond(), r.trainSeconds(), cpuRates[r.epoch() - 1], r.train().meanLoss());
    });
    System.out.printf("median: %,.0f samples/s, %,.0f samples/s of CPU time%n", Medians.of(rates),
        Medians.of(cpuRates));
  }

  private static Block data() throws Exception {
    Path dir = Path.of(FashionMnist.DEFAULT_DIR);
    if (Files.exists(dir.resolve("train-images-idx3-ubyte.gz"))) {
      return IdxDataset.loadPrefix(dir.resolve("train"), FeatureScaling.UNIT).samples();
    }
    System.out.println("Fashion-MNIST not installed: timing on synthetic data of the same shape");
    Block b = Block.allocate(60_000, 784, 1);
    for (int i = 0; i < b.x().length; i++) b.x()[i] = (i * 31 % 255) / 255f;
    for (int i = 0; i < 60_000; i++) b.y()[i] = i % 10;
    return b;
  }
}
