package org.sparknn.driver.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparknn.optim.LrSchedule;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.EvalStats;
import org.sparknn.worker.partition.Contribution;

/** The per-round divergence check: what it names, and the parameter server's finiteness from its update. */
class DivergenceCheckTest {
  @Test
  void namesWhatIsNotFinite() {
    assertEquals(null, TrainJob.divergence(1.0, true, new float[2]));
    assertEquals("the training loss is NaN", TrainJob.divergence(Double.NaN, true, new float[0]));
    assertEquals("a parameter is NaN or infinite", TrainJob.divergence(1.0, false, new float[0]));
    assertEquals("a layer buffer is NaN or infinite",
        TrainJob.divergence(1.0, true, new float[] {0f, Float.POSITIVE_INFINITY}));
  }

  @Test
  void serverSeesANonFiniteParameterFromEachKindOfRound() {
    int size = 70_001; // not a multiple of any vector width: a scalar tail
    for (OptimizerSpec spec : new OptimizerSpec[] {
        new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, new LrSchedule.Constant()),
        new OptimizerSpec.Sgd(0.1f, 0f, 0f, false, 0f, new LrSchedule.Constant())}) {
      ParameterServer server = new ParameterServer(spec, new ModelState(new float[size], new float[0]),
          spec.create().init(size));
      float[] grads = new float[size];
      server.applyGradient(contribution(grads));
      assertTrue(server.paramsFinite(), spec.type());
      grads[size - 1] = Float.NaN;
      server.applyGradient(contribution(grads));
      assertFalse(server.paramsFinite(), spec.type() + ": NaN gradient at the end");
    }
  }

  private static Contribution contribution(float[] grads) {
    return new Contribution(grads.clone(), new float[0], new float[0], 4, EvalStats.EMPTY, 0, 0);
  }
}
