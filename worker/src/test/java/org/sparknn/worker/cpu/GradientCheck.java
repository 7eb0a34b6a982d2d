package org.sparknn.worker.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.sparknn.data.Block;
import org.sparknn.init.ParamInitializer;
import org.sparknn.random.CounterRandom;
import org.sparknn.random.RandomPurpose;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.tensor.ModelState;
import org.sparknn.worker.Network;
import org.sparknn.worker.StepContext;

/**
 * Checks a network's analytic parameter gradients against central differences of its training-mode loss.
 *
 * <p>Tolerance, and why: the network computes in float (about 7 significant digits) while the loss is summed in
 * double. With step h = 1e-2 the central difference has truncation error O(h^2 f''') and rounding error about
 * 1e-7 |L| / h; for losses of order 1-10 both stay below 1e-3. We accept |analytic - numeric| &lt;=
 * 2e-2 * max(|analytic|, |numeric|) + 2e-3 (relative error with an absolute floor for near-zero gradients).
 * Coordinates where the difference straddles a kink (ReLU at 0, a max-pool switch) are detected by the two
 * one-sided differences disagreeing and are skipped; at most 5% may be skipped. Dropout is checked with its mask
 * fixed: the mask depends only on the {@link StepContext}, which stays the same for every evaluation.
 */
final class GradientCheck {
  static final double H = 1e-2;
  static final double REL_TOL = 2e-2;
  static final double ABS_TOL = 2e-3;

  private GradientCheck() {}

  /** Random inputs in [-1, 1) and labels that suit the loss, from a seeded stream. */
  static Block randomBlock(ModelSpec spec, int rows, long seed) {
    long key = CounterRandom.key(seed, RandomPurpose.SHUFFLE, 99);
    Block b = Block.allocate(rows, spec.inputSize(), spec.labelWidth());
    for (int i = 0; i < rows * spec.inputSize(); i++) b.x()[i] = 2f * CounterRandom.uniform(key, i) - 1f;
    long labelKey = CounterRandom.key(seed, RandomPurpose.SHUFFLE, 100);
    int outputs = spec.outputSize();
    for (int i = 0; i < rows * spec.labelWidth(); i++) {
      b.y()[i] = switch (spec.loss()) {
        case SOFTMAX_CROSS_ENTROPY -> CounterRandom.below(labelKey, i, outputs);
        case SIGMOID_BINARY_CROSS_ENTROPY -> CounterRandom.below(labelKey, i, 2);
        case MEAN_SQUARED_ERROR -> 2f * CounterRandom.uniform(labelKey, i) - 1f;
      };
    }
    return b;
  }

  /** Runs the check on every parameter (or every {@code stride}-th for large models). */
  static void check(Network net, ModelState state, Block batch, StepContext ctx, int stride) {
    check(net, state, batch, ctx, stride, H);
  }

  /**
   * As above with difference step {@code h}. Max pooling needs a smaller one (1e-3): a weight step moves every
   * pooled value of a filter, and with dozens of windows some maximum switches within +-h on many coordinates,
   * too gently for the kink test to notice (MaxPool2DGradientTest also picks data without near-ties). Rounding,
   * about 1e-7 |L| / h, stays below 1e-3 for losses up to 10.
   */
  static void check(Network net, ModelState state, Block batch, StepContext ctx, int stride, double h) {
    float[] params = state.params();
    float[] grads = new float[params.length];
    net.trainStep(batch, state.copy(), grads, ctx);
    int checked = 0;
    int skipped = 0;
    StringBuilder failures = new StringBuilder();
    for (int i = 0; i < params.length; i += stride) {
      float original = params[i];
      double center = loss(net, state, batch, ctx);
      params[i] = (float) (original + h);
      double plus = loss(net, state, batch, ctx);
      params[i] = (float) (original - h);
      double minus = loss(net, state, batch, ctx);
      params[i] = original;
      double hPlus = (float) (original + h) - original;
      double hMinus = original - (float) (original - h);
      double numeric = (plus - minus) / (hPlus + hMinus);
      double right = (plus - center) / hPlus;
      double left = (center - minus) / hMinus;
      checked++;
      if (Math.abs(right - left) > 0.5 * Math.max(Math.abs(right), Math.abs(left)) + 0.05) {
        skipped++; // a kink lies inside [p - h, p + h]: the derivative is not defined by differences here
        continue;
      }
      double analytic = grads[i];
      double err = Math.abs(analytic - numeric);
      if (err > REL_TOL * Math.max(Math.abs(analytic), Math.abs(numeric)) + ABS_TOL) {
        failures.append(String.format("param %d: analytic %.6g numeric %.6g%n", i, analytic, numeric));
      }
    }
    if (failures.length() > 0) fail("gradient mismatch (" + failures.toString().lines().count() + " of "
        + checked + "):\n" + failures);
    assertTrue(checked > 0, "no parameter was checked");
    assertTrue(skipped <= Math.max(1, checked / 20), skipped + " of " + checked + " coordinates straddled a kink");
  }

  static double loss(Network net, ModelState state, Block batch, StepContext ctx) {
    // a copy: training mode updates running statistics, which must not drift between evaluations
    return net.trainStep(batch, state.copy(), new float[state.params().length], ctx).lossSum();
  }

  static ModelState init(ModelSpec spec, long seed) {
    ModelState s = ParamInitializer.initialize(spec, seed);
    // Perturb biases and batch-norm parameters away from their 0/1 starts so their gradients are exercised fully.
    long key = CounterRandom.key(seed, RandomPurpose.INIT, 777);
    for (int i = 0; i < s.params().length; i++) {
      if (s.params()[i] == 0f || s.params()[i] == 1f) s.params()[i] += 0.2f * (CounterRandom.uniform(key, i) - 0.5f);
    }
    return s;
  }

  static boolean isClassification(ModelSpec spec) {
    return spec.loss() == LossKind.SOFTMAX_CROSS_ENTROPY;
  }
}
