package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sparknn.config.TrainSettings;
import org.sparknn.data.Block;
import org.sparknn.init.ParamInitializer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Backend;
import org.sparknn.worker.Fixtures;
import org.sparknn.worker.cpu.CpuBackend;
import org.sparknn.worker.train.LocalTrainer;

/**
 * Whole training runs: 20 steps of the single-process trainer on each backend (forward, backward, loss and the
 * optimizer update all on the device for OpenCL) from the same start, compared on the final parameters, optimizer
 * state and batch-norm buffers. Tolerance 2e-5 normwise (observed on PoCL: at most 1.5e-6): per-step gradient
 * differences of a few 1e-7 (summation order) feed back through 20 updates, and Adam's division by sqrt(v)
 * magnifies them for parameters whose gradients are near zero.
 */
class AparapiTrainingParityTest {
  static final double TOLERANCE = 2e-5;
  static OpenCLDevice device;

  @BeforeEach // not BeforeAll: surefire shows a skipped test with its reason, not a silent empty class
  void setUp() {
    device = OpenClDevice.require();
  }

  @Test
  void mlpTwentyAdamSteps() {
    assertSameTraining(Fixtures.MLP, "type = adam, lr = 0.001", 16);
    OpenClDevice.assertRanOnOpenCl(MatMulKernel.class, ActivationKernel.class, SoftmaxCrossEntropyKernel.class,
        AdamKernel.class);
  }

  @Test
  void cnnTwentyNesterovSteps() {
    assertSameTraining("input = [1, 12, 12], loss = softmax_cross_entropy, layers = ["
        + "{type = conv2d, filters = 6, kernel = 3, activation = relu}, {type = maxpool2d, size = 2},"
        + "{type = conv2d, filters = 8, kernel = 3, padding = 1}, {type = batchnorm}, {type = relu},"
        + "{type = flatten}, {type = dropout, rate = 0.25}, {type = dense, units = 10}]",
        "type = nesterov, lr = 0.05", 8);
    OpenClDevice.assertRanOnOpenCl(Conv2DKernel.class, MaxPoolKernel.class, BatchNormStatsKernel.class,
        DropoutKernel.class, SgdKernel.class);
  }

  private static void assertSameTraining(String model, String optimizer, int batch) {
    ModelSpec spec = Fixtures.model(model);
    OptimizerSpec opt = Fixtures.optimizer(optimizer);
    Block data = NetworkPair.block(spec, 20 * batch, 11);
    TrainSettings settings = new TrainSettings(1, batch, 3, true);
    ModelState start = ParamInitializer.initialize(spec, 3);
    LocalTrainer.Result cpu = train(new CpuBackend(), spec, opt, settings, start, data);
    LocalTrainer.Result cl = train(new AparapiBackend(device), spec, opt, settings, start, data);
    assertEquals(20, cpu.optState().step());
    assertEquals(20, cl.optState().step());
    Closeness.assertClose("parameters", cl.state().params(), cpu.state().params(), cpu.state().params().length,
        TOLERANCE);
    Closeness.assertClose("optimizer state", cl.optState().flatSlots(), cpu.optState().flatSlots(),
        cpu.optState().flatSlots().length, TOLERANCE);
    Closeness.assertClose("buffers", cl.state().buffers(), cpu.state().buffers(), cpu.state().buffers().length,
        TOLERANCE);
  }

  private static LocalTrainer.Result train(Backend backend, ModelSpec spec, OptimizerSpec opt, TrainSettings settings,
      ModelState start, Block data) {
    return new LocalTrainer(backend, spec, opt, settings).train(start, data, null, e -> { });
  }
}
