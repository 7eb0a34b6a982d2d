package org.sparknn.worker.aparapi;

import com.aparapi.device.Device;
import com.aparapi.device.OpenCLDevice;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import org.sparknn.config.ModelConfig;
import org.sparknn.config.OptimizerConfig;
import org.sparknn.data.Block;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Backend;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;
import org.sparknn.worker.cpu.CpuBackend;

/**
 * Benchmarks for the aparapi backend, runnable with a bare JRE and the worker's self-contained jar (no Maven, no
 * network): lists the OpenCL devices, then on the chosen one (a GPU if any, else a CPU device)
 * <ul>
 *   <li>SGEMM: C = A B with the tiled kernel, square sizes; kernel time only (A and B put once; Aparapi's execute
 *       waits for the kernel) and, separately, with the transfers of A, B and C; GFLOP/s = 2 n^3 / time, median
 *       of the repetitions after one warm-up product;</li>
 *   <li>training: samples/s of whole training steps (forward, backward, loss, optimizer update, and every
 *       transfer) of the 784-128-64-10 MLP (Adam) and the Fashion-MNIST CNN (Nesterov SGD) at batch 64 on
 *       synthetic data, after 3 warm-up steps, beside the CPU backend on the same loop.</li>
 * </ul>
 * Usage: {@code AparapiBench [sizes=1024,4096] [mlpSteps=50] [cnnSteps=10] [reps=5]}; scripts/bench-gpu.sh runs it.
 */
public final class AparapiBench {
  static final String MLP = "input = 784, loss = softmax_cross_entropy, layers = ["
      + "{type = dense, units = 128, activation = relu}, {type = dense, units = 64, activation = relu},"
      + "{type = dense, units = 10}]";
  static final String CNN = "input = [1, 28, 28], loss = softmax_cross_entropy, layers = ["
      + "{type = conv2d, filters = 32, kernel = 3, activation = relu}, {type = maxpool2d, size = 2},"
      + "{type = conv2d, filters = 64, kernel = 3, activation = relu}, {type = maxpool2d, size = 2},"
      + "{type = flatten}, {type = dense, units = 512, activation = relu}, {type = dense, units = 10}]";
  static final int BATCH = 64;

  private AparapiBench() {}

  public static void main(String[] args) {
    String sizes = args.length > 0 ? args[0] : "1024,4096";
    int mlpSteps = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    int cnnSteps = args.length > 2 ? Integer.parseInt(args[2]) : 10;
    int reps = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    for (Device.TYPE t : new Device.TYPE[] {Device.TYPE.GPU, Device.TYPE.ACC, Device.TYPE.CPU}) {
      try {
        for (OpenCLDevice d : OpenCLDevice.listDevices(t)) System.out.println("OpenCL device: " + OpenClDevices.describe(d));
      } catch (RuntimeException | LinkageError e) {
        System.out.println("OpenCL " + t + ": none (" + e + ")");
      }
    }
    OpenCLDevice device = OpenClDevices.best(true).orElseThrow(() ->
        new IllegalStateException(OpenClDevices.absenceReason(true)));
    System.out.println("benchmarking on: " + OpenClDevices.describe(device));
    for (String s : sizes.split(",")) {
      if (!s.isBlank()) gemm(device, Integer.parseInt(s.trim()), reps);
    }
    if (mlpSteps > 0) train(device, "mlp", MLP, "type = adam, lr = 1e-3", mlpSteps);
    if (cnnSteps > 0) train(device, "cnn", CNN, "type = nesterov, lr = 0.01, momentum = 0.9", cnnSteps);
    System.out.println(AparapiBackend.ranOn());
  }

  static void gemm(OpenCLDevice device, int n, int reps) {
    float[] a = random(n * n, 1);
    float[] b = random(n * n, 2);
    float[] c = new float[n * n];
    MatMulKernel k = new MatMulKernel(device, a, b, c);
    try {
      k.shape(false, false, n, n, n, 0, n, 0, n, 0, n, false);
      k.put(a).put(b);
      k.multiply(); // warm-up: first launch allocates the device buffers
      double[] kernelOnly = new double[reps];
      double[] withTransfers = new double[reps];
      for (int r = 0; r < reps; r++) {
        long t0 = System.nanoTime();
        k.multiply();
        kernelOnly[r] = (System.nanoTime() - t0) / 1e9;
        t0 = System.nanoTime();
        k.put(a).put(b);
        k.multiply();
        k.get(c);
        withTransfers[r] = (System.nanoTime() - t0) / 1e9;
      }
      double flops = 2.0 * n * n * n;
      System.out.printf("sgemm %d^3: %.1f GFLOP/s kernel only (median %.4f s of %d), %.1f GFLOP/s with transfers%n",
          n, flops / median(kernelOnly) / 1e9, median(kernelOnly), reps, flops / median(withTransfers) / 1e9);
    } finally {
      k.release();
    }
  }

  static void train(OpenCLDevice device, String name, String model, String optimizer, int steps) {
    ModelSpec spec = ModelConfig.parse(ConfigFactory.parseString(model), "model");
    OptimizerSpec opt = OptimizerConfig.parse(ConfigFactory.parseString(optimizer), "optimizer");
    for (Backend backend : new Backend[] {new AparapiBackend(device), new CpuBackend()}) {
      double rate = samplesPerSecond(backend, spec, opt, steps);
      System.out.printf("train %s batch %d, %d steps: %,.0f samples/s on %s%n", name, BATCH, steps, rate,
          backend.device());
    }
  }

  static double samplesPerSecond(Backend backend, ModelSpec spec, OptimizerSpec opt, int steps) {
    Block batch = Block.allocate(BATCH, spec.inputSize(), spec.labelWidth());
    float[] x = random(batch.x().length, 3);
    for (int i = 0; i < x.length; i++) batch.x()[i] = Math.abs(x[i]);
    for (int r = 0; r < BATCH; r++) batch.y()[r] = r % spec.outputSize();
    ModelState state = ParamInitializer.initialize(spec, 42);
    float[] grads = new float[state.params().length];
    try (Network net = backend.compile(spec, BATCH)) {
      Optimizer update = net.optimizer(opt);
      OptState optState = update.init(grads.length);
      long start = 0;
      for (int s = -3; s < steps; s++) {
        if (s == 0) start = System.nanoTime();
        net.trainStep(batch, state, grads, StepContext.of(42, 0, s + 3));
        for (int i = 0; i < grads.length; i++) grads[i] /= BATCH;
        update.update(state.params(), grads, optState);
      }
      return (double) steps * BATCH / ((System.nanoTime() - start) / 1e9);
    }
  }

  private static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static float[] random(int n, long stream) {
    long key = CounterRandom.key(42, RandomPurpose.INIT, stream);
    float[] v = new float[n];
    for (int i = 0; i < n; i++) v[i] = CounterRandom.uniform(key, i) - 0.5f;
    return v;
  }
}
