package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden values for torch.optim.AdamW (decoupled weight decay). */
class AdamWOptimizerTest {

  @Test
  void adamWMatchesReference() {
    OptimizerSpec.AdamW spec = new OptimizerSpec.AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = AdamOptimizerTest.reference(AdamOptimizerTest.constant(0.1f), 0.9f, 0.999f, 1e-8f, 0.1f, true);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("m", expected[1], state.slot(0), 0, Golden.ORDER_ONE);
    Golden.assertClose("v", expected[2], state.slot(1), 0, Golden.NO_CANCELLATION);
  }

  @Test
  void decayIsAppliedToTheParameterNotTheMoments() {
    Optimizer adamW = new OptimizerSpec.AdamW(0.1f, 0.9f, 0.999f, 1e-8f, 0.1f, null).create();
    float[] p = Golden.START.clone();
    OptState state = adamW.init(3);
    adamW.update(p, Golden.GRADS[0], state);

    // p = 1.0 * (1 - 0.1*0.1) - 0.1 * 0.5 / (0.5 + 1e-8) = 0.99 - 0.1 = 0.89; m = (1 - 0.9) * 0.5, without decay.
    assertEquals(0.89, p[0], 1e-7);
    assertEquals(0.05, state.flatSlots()[0], 1e-7); // 1 - 0.9f is 0.100000024 in float
  }
}
