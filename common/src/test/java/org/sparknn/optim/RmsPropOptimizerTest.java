package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden values for torch.optim.RMSprop (centered = false), with and without momentum. */
class RmsPropOptimizerTest {

  /** torch.optim.RMSprop in double; returns {params, square_avg, momentum_buffer}. */
  private static double[][] reference(double lr, double alpha, double eps, double mu, double wd) {
    double[] p = Golden.start();
    double[] sq = new double[p.length];
    double[] buf = new double[p.length];
    for (float[] grads : Golden.GRADS) {
      for (int i = 0; i < p.length; i++) {
        double g = grads[i] + wd * p[i];                   // grad = grad + weight_decay * param
        sq[i] = alpha * sq[i] + (1 - alpha) * g * g;       // square_avg.mul_(alpha).addcmul_(grad, grad, 1 - alpha)
        double avg = Math.sqrt(sq[i]) + eps;               // avg = square_avg.sqrt().add_(eps)
        if (mu > 0) {
          buf[i] = mu * buf[i] + g / avg;                  // buf.mul_(momentum).addcdiv_(grad, avg)
          p[i] = p[i] - lr * buf[i];
        } else {
          p[i] = p[i] - lr * g / avg;                      // param.addcdiv_(grad, avg, value=-lr)
        }
      }
    }
    return new double[][] {p, sq, buf};
  }

  @Test
  void withoutMomentumWithWeightDecayAndLargeEpsMatchesReference() {
    // eps = 0.05 is comparable to sqrt(square_avg) here, so adding it inside the root instead would fail the test.
    OptimizerSpec.RmsProp spec = new OptimizerSpec.RmsProp(0.01f, 0.9f, 0.05f, 0f, 0.1f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = reference(0.01f, 0.9f, 0.05f, 0f, 0.1f);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("square_avg", expected[1], state.flatSlots(), Golden.NO_CANCELLATION);
    assertEquals(1, state.slotCount());
  }

  @Test
  void withMomentumMatchesReference() {
    OptimizerSpec.RmsProp spec = new OptimizerSpec.RmsProp(0.01f, 0.99f, 1e-8f, 0.5f, 0f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = reference(0.01f, 0.99f, 1e-8f, 0.5f, 0f);
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("square_avg", expected[1], state.slot(0), 0, Golden.NO_CANCELLATION);
    Golden.assertClose("momentum_buffer", expected[2], state.slot(1), 0, Golden.ORDER_ONE);
  }

  @Test
  void firstStepByHand() {
    Optimizer rmsprop = new OptimizerSpec.RmsProp(0.01f, 0.99f, 1e-8f, 0f, 0f, null).create();
    float[] p = Golden.START.clone();
    rmsprop.update(p, Golden.GRADS[0], rmsprop.init(3));

    // v = (1 - 0.99) * 0.5^2, so g / sqrt(v) = 1 / sqrt(0.01) = 10 and p[0] = 1.0 - 0.01 * 10 = 0.9
    assertEquals(0.9, p[0], 1e-6);
  }
}
