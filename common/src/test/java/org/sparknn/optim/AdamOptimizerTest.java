package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden values for torch.optim.Adam (coupled L2 weight decay). */
class AdamOptimizerTest {

  /**
   * Kingma &amp; Ba's Algorithm 1 in double with PyTorch's weight decay, written with m_hat and v_hat as in the paper
   * (the optimizer folds the corrections into the step size instead). {@code lrs[t]} is the rate of update t + 1.
   * Returns {params, m, v}.
   */
  static double[][] reference(double[] lrs, double beta1, double beta2, double eps, double wd, boolean decoupled) {
    double[] p = Golden.start();
    double[] m = new double[p.length];
    double[] v = new double[p.length];
    for (int t = 1; t <= Golden.GRADS.length; t++) {
      double lr = lrs[t - 1];
      for (int i = 0; i < p.length; i++) {
        double g = Golden.GRADS[t - 1][i];
        if (decoupled) {
          p[i] = p[i] - lr * wd * p[i];                     // AdamW: param.mul_(1 - lr * weight_decay)
        } else {
          g = g + wd * p[i];                                // Adam: grad = grad + weight_decay * param
        }
        m[i] = beta1 * m[i] + (1 - beta1) * g;
        v[i] = beta2 * v[i] + (1 - beta2) * g * g;
        double mHat = m[i] / (1 - Math.pow(beta1, t));
        double vHat = v[i] / (1 - Math.pow(beta2, t));
        p[i] = p[i] - lr * mHat / (Math.sqrt(vHat) + eps);
      }
    }
    return new double[][] {p, m, v};
  }

  static double[] constant(double lr) {
    return new double[] {lr, lr, lr};
  }

  @Test
  void adamMatchesReference() {
    OptimizerSpec.Adam spec = new OptimizerSpec.Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = reference(constant(0.1f), 0.9f, 0.999f, 1e-8f, 0f, false);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("m", expected[1], state.slot(0), 0, Golden.ORDER_ONE);
    Golden.assertClose("v", expected[2], state.slot(1), 0, Golden.NO_CANCELLATION);
  }

  @Test
  void firstStepMovesEachParameterByLrAgainstTheGradientSign() {
    Optimizer adam = new OptimizerSpec.Adam(0.1f, 0.9f, 0.999f, 1e-8f, 0f, null).create();
    float[] p = Golden.START.clone();
    adam.update(p, Golden.GRADS[0], adam.init(3));

    // Step 1: m_hat = g and v_hat = g^2, so p -= 0.1 * g / (|g| + 1e-8): 0.1 against the sign of g.
    assertEquals(1.0 - 0.1, p[0], 1e-7);
    assertEquals(-0.5 + 0.1, p[1], 1e-7);
    assertEquals(2.0 - 0.1, p[2], 1e-7);
  }

  @Test
  void weightDecayLargeEpsAndCosineScheduleMatchReference() {
    // eps = 0.01 is comparable to sqrt(v_hat) here, so adding it inside the root instead would fail the test.
    OptimizerSpec.Adam spec = new OptimizerSpec.Adam(0.1f, 0.8f, 0.99f, 0.01f, 0.1f, new LrSchedule.Cosine(4, 0f));
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    // Cosine over 4 updates from 0.1 to 0: updates 1, 2, 3 use 0.1, 0.1 * (1 + cos(pi/4)) / 2, 0.1 / 2.
    double[] lrs = {0.1f, 0.1f * (1 + Math.cos(Math.PI / 4)) / 2, 0.1f / 2};
    double[][] expected = reference(lrs, 0.8f, 0.99f, 0.01f, 0.1f, false);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("m", expected[1], state.slot(0), 0, Golden.ORDER_ONE);
    Golden.assertClose("v", expected[2], state.slot(1), 0, Golden.NO_CANCELLATION);
  }
}
