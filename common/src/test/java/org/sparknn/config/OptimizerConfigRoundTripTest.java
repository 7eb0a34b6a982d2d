package org.sparknn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sparknn.optim.LrSchedule;
import org.sparknn.optim.OptimizerSpec;

/** {@link OptimizerConfig#render} writes what {@link OptimizerConfig#parse} reads back to an equal spec. */
class OptimizerConfigRoundTripTest {

  static List<OptimizerSpec> specs() {
    return List.of(
        OptimizerSpec.Sgd.defaults(),
        new OptimizerSpec.Sgd(0.05f, 0.9f, 0.1f, false, 5e-4f, new LrSchedule.StepDecay(30, 0.1f)),
        new OptimizerSpec.Sgd(0.1f, 0.95f, 0f, true, 0f, new LrSchedule.Cosine(12345, 1e-6f)),
        OptimizerSpec.Adam.defaults(),
        new OptimizerSpec.Adam(3e-4f, 0.85f, 0.995f, 1e-7f, 1e-5f, new LrSchedule.Cosine(100_000_000_000L, 0f)),
        OptimizerSpec.AdamW.defaults(),
        new OptimizerSpec.AdamW(1e-3f, 0.9f, 0.98f, 1e-6f, 0.05f, new LrSchedule.StepDecay(1, 1f)),
        OptimizerSpec.Adagrad.defaults(),
        new OptimizerSpec.Adagrad(0.1f, 1e-10f, 0.1f, 0.01f, new LrSchedule.StepDecay(7, 0.3f)),
        OptimizerSpec.RmsProp.defaults(),
        new OptimizerSpec.RmsProp(1e-3f, 0.9f, 1e-8f, 0.9f, 1e-4f, new LrSchedule.Cosine(50, 1e-4f)));
  }

  @ParameterizedTest
  @MethodSource("specs")
  void renderedSpecParsesBackEqual(OptimizerSpec spec) {
    String hocon = OptimizerConfig.render(spec);
    assertEquals(spec, OptimizerConfig.parse(ConfigFactory.parseString(hocon), "optimizer"), hocon);
  }

  @ParameterizedTest
  @MethodSource("specs")
  void renderedSpecNestsUnderAKey(OptimizerSpec spec) {
    String file = "optimizer {\n" + OptimizerConfig.render(spec) + "}\n";
    assertEquals(spec, OptimizerConfig.parse(ConfigFactory.parseString(file).getConfig("optimizer"), "optimizer"));
  }
}
