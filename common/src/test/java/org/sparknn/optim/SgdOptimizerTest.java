package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Golden values for torch.optim.SGD: plain (with a step schedule), momentum with dampening, Nesterov. */
class SgdOptimizerTest {

  /** torch.optim.SGD for one parameter vector, in double, one line per formula line; returns {params, buffer}. */
  private static double[][] reference(double lr, double mu, double dampening, boolean nesterov, double wd,
      LrSchedule schedule) {
    double[] p = Golden.start();
    double[] b = new double[p.length];
    for (int t = 0; t < Golden.GRADS.length; t++) {
      double stepLr = schedule instanceof LrSchedule.StepDecay s ? lr * Math.pow(s.gamma(), t / s.stepSize()) : lr;
      for (int i = 0; i < p.length; i++) {
        double d = Golden.GRADS[t][i] + wd * p[i];            // d_p = grad + weight_decay * param
        if (mu != 0) {
          b[i] = t == 0 ? d : mu * b[i] + (1 - dampening) * d; // buf = clone(d_p), then mu*buf + (1-dampening)*d_p
          d = nesterov ? d + mu * b[i] : b[i];
        }
        p[i] = p[i] - stepLr * d;                              // param.add_(d_p, alpha=-lr)
      }
    }
    return new double[][] {p, b};
  }

  @Test
  void plainSgdWithStepScheduleMatchesReference() {
    LrSchedule schedule = new LrSchedule.StepDecay(2, 0.5f);
    OptimizerSpec.Sgd spec = new OptimizerSpec.Sgd(0.1f, 0f, 0f, false, 0f, schedule);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    // By hand: lr 0.1 for updates 1 and 2, 0.05 for update 3 (0.1 * 0.5^floor(2/2)).
    // p[0] = 1.0 - 0.1*0.5 - 0.1*(-0.3) - 0.05*0.1 = 0.975;  p[2] = 2.0 - 0.1*0.25 - 0 - 0.05*(-0.6) = 2.005
    assertEquals(0.975, p[0], 1e-6);
    assertEquals(2.005, p[2], 1e-6);
    Golden.assertClose("params", reference(0.1f, 0, 0, false, 0, schedule)[0], p, Golden.ORDER_ONE);
    assertEquals(3, state.step());
    assertEquals(0, state.slotCount());
  }

  @Test
  void momentumWithDampeningAndWeightDecayMatchesReference() {
    OptimizerSpec.Sgd spec = new OptimizerSpec.Sgd(0.1f, 0.9f, 0.1f, false, 0.01f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    double[][] expected = reference(0.1f, 0.9f, 0.1f, false, 0.01f, spec.schedule());
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("buffer", expected[1], state.flatSlots(), Golden.ORDER_ONE);
  }

  @Test
  void firstMomentumStepIsPlainSgdWithoutDampening() {
    OptimizerSpec.Sgd spec = new OptimizerSpec.Sgd(0.1f, 0.9f, 0.5f, false, 0.01f, null);
    Optimizer sgd = spec.create();
    float[] p = Golden.START.clone();
    OptState state = sgd.init(3);
    sgd.update(p, Golden.GRADS[0], state);

    // b = d_p = 0.5 + 0.01*1.0 = 0.51 (no dampening on the first step); p = 1.0 - 0.1*0.51 = 0.949
    assertEquals(0.51, state.flatSlots()[0], 1e-7);
    assertEquals(0.949, p[0], 1e-7);
  }

  @Test
  void nesterovWithWeightDecayMatchesReference() {
    OptimizerSpec.Sgd spec = new OptimizerSpec.Sgd(0.1f, 0.9f, 0f, true, 0.05f, null);
    float[] p = new float[3];
    OptState state = Golden.run(spec.create(), p);

    // Step 1 by hand: d = 0.5 + 0.05*1.0 = 0.55, b = 0.55, step = d + 0.9*b = 1.045; p = 1.0 - 0.1045 = 0.8955.
    double[][] expected = reference(0.1f, 0.9f, 0f, true, 0.05f, spec.schedule());
    Golden.assertClose("params", expected[0], p, Golden.ORDER_ONE);
    Golden.assertClose("buffer", expected[1], state.flatSlots(), Golden.ORDER_ONE);

    Optimizer nesterov = spec.create();
    float[] once = Golden.START.clone();
    nesterov.update(once, Golden.GRADS[0], nesterov.init(3));
    assertEquals(0.8955, once[0], 1e-7);
  }
}
