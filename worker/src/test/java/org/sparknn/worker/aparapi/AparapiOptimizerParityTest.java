package org.sparknn.worker.aparapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.aparapi.device.OpenCLDevice;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sparknn.optim.OptState;
import org.sparknn.optim.Optimizer;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.worker.Fixtures;

/**
 * Every optimizer's device kernel against its CPU update over 6 steps (first-step rules, schedules, weight decay
 * included) on a vector whose length is not a multiple of the work group. Tolerance 1e-6 normwise: the same float
 * formulas, evaluated with the device's sqrt and division (correctly rounded or within an ulp or two; observed on
 * PoCL: at most 1.8e-7).
 */
class AparapiOptimizerParityTest {
  static final double TOLERANCE = 1e-6;
  static OpenCLDevice device;

  @BeforeEach // not BeforeAll: surefire shows a skipped test with its reason, not a silent empty class
  void setUp() {
    device = OpenClDevice.require();
  }

  @ParameterizedTest
  @ValueSource(strings = {"type = sgd, lr = 0.1, weight_decay = 0.01", "type = momentum, lr = 0.05, dampening = 0.1",
      "type = nesterov, lr = 0.05", "type = adam, lr = 0.01, weight_decay = 0.001",
      "type = adamw, lr = 0.01, schedule = {type = step, step_size = 2, gamma = 0.5}", "type = adagrad, lr = 0.1",
      "type = rmsprop, lr = 0.003", "type = rmsprop, lr = 0.003, momentum = 0.9"})
  void matchesTheCpuOptimizer(String hocon) {
    OptimizerSpec spec = Fixtures.optimizer(hocon);
    int size = 1000;
    Optimizer cpu = spec.create();
    float[] p1 = new float[size];
    NetworkPair.randomize(p1, 1, -1f, 1f);
    float[] p2 = p1.clone();
    OptState s1 = cpu.init(size);
    try (DeviceOptimizer dev = new DeviceOptimizer(device, spec, size)) {
      OptState s2 = dev.init(size);
      float[] g = new float[size];
      for (int step = 0; step < 6; step++) {
        NetworkPair.randomize(g, 10 + step, -0.5f, 0.5f);
        cpu.update(p1, g, s1);
        dev.update(p2, g, s2);
      }
      Closeness.assertClose(hocon + ": params", p2, p1, size, TOLERANCE);
      Closeness.assertClose(hocon + ": state", s2.flatSlots(), s1.flatSlots(), s1.flatSlots().length, TOLERANCE);
      assertEquals(s1.step(), s2.step());
    }
    OpenClDevice.assertRanOnOpenCl(dev(spec));
  }

  /**
   * The state stays on the device while the caller hands back the same OptState at the step the kernel left it:
   * a host-side change in between is not re-read (the documented contract); a new OptState object is put afresh.
   */
  @Test
  void stateStaysOnTheDeviceUntilTheCallerReplacesIt() {
    OptimizerSpec spec = Fixtures.optimizer("type = adam, lr = 0.01");
    int size = 300;
    float[] p = new float[size];
    float[] g = new float[size];
    NetworkPair.randomize(p, 2, -1f, 1f);
    NetworkPair.randomize(g, 3, -1f, 1f);
    Optimizer cpu = spec.create();
    float[] expected = p.clone();
    OptState reference = cpu.init(size);
    cpu.update(expected, g, reference);
    cpu.update(expected, g, reference);
    try (DeviceOptimizer dev = new DeviceOptimizer(device, spec, size)) {
      OptState state = dev.init(size);
      float[] actual = p.clone();
      dev.update(actual, g, state);
      for (int k = 0; k < state.slotCount(); k++) java.util.Arrays.fill(state.slot(k), 1e6f); // ignored: the device copy is current for this state and step
      dev.update(actual, g, state);
      Closeness.assertClose("resident state", actual, expected, size, TOLERANCE);

      OptState replaced = reference.copy(); // as after averaging: a new object, put before the next update
      float[] fromCopy = expected.clone();
      cpu.update(expected, g, reference);
      dev.update(fromCopy, g, replaced);
      Closeness.assertClose("replaced state", fromCopy, expected, size, TOLERANCE);
    }
  }

  private static Class<? extends DeviceKernel> dev(OptimizerSpec spec) {
    if (spec instanceof OptimizerSpec.Sgd) return SgdKernel.class;
    if (spec instanceof OptimizerSpec.Adagrad) return AdagradKernel.class;
    if (spec instanceof OptimizerSpec.RmsProp) return RmsPropKernel.class;
    return AdamKernel.class;
  }
}
