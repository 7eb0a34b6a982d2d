package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden values for torch.optim.Adagrad (lr_decay 0). */
class AdagradOptimizerTest {

  /** torch.optim.Adagrad in double; returns {params, state_sum}. */
  private static double[][] reference(double lr, double eps, double initial, double wd) {
    double[] p = Golden.start();
    double[] sum = new double[p.length];
    java.util.Arrays.fill(sum, initial);                   // initial_accumulator_value
    for (float[] grads : Golden.GRADS) {
      for (int i = 0; i < p.length; i++) {
        double g = grads[i] + wd * p[i];                   // grad = grad + weight_decay * param
        sum[i] = sum[i] + g * g;                           // state_sum.addcmul_(grad, grad, value=1)
        p[i] = p[i] - lr * g / (Math.sqrt(sum[i]) + eps);  // param.addcdiv_(grad, std + eps, value=-clr)
      }
    }
    return new double[][] {p, sum};
  }

  @Test
  void adagradMatchesReference() {
    OptimizerSpec.Adagrad spec = new OptimizerSpec.Adagrad(0.1f, 1e-10f, 0f, 0f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = reference(0.1f, 1e-10f, 0f, 0f);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("state_sum", expected[1], state.flatSlots(), Golden.NO_CANCELLATION);
  }

  @Test
  void initialAccumulatorWeightDecayAndLargeEpsMatchReference() {
    // eps = 0.1 is comparable to sqrt(state_sum) here, so adding it inside the root instead would fail the test.
    OptimizerSpec.Adagrad spec = new OptimizerSpec.Adagrad(0.1f, 0.1f, 0.1f, 0.05f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = reference(0.1f, 0.1f, 0.1f, 0.05f);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("state_sum", expected[1], state.flatSlots(), Golden.NO_CANCELLATION);
  }

  @Test
  void firstStepByHand() {
    Optimizer adagrad = new OptimizerSpec.Adagrad(0.1f, 1e-10f, 0.75f, 0f, null).create();
    float[] p = Golden.START.clone();
    OptState state = adagrad.init(3);
    assertEquals(0.75f, state.flatSlots()[1]);
    adagrad.update(p, Golden.GRADS[0], state);

    // p[1]: sum = 0.75 + (-1)^2 = 1.75; p = -0.5 - 0.1 * (-1) / sqrt(1.75)
    assertEquals(1.75f, state.flatSlots()[1]);
    assertEquals(-0.5 + 0.1 / Math.sqrt(1.75), p[1], 1e-7);
  }
}
