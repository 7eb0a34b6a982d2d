package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Adam's and AdamW's single vectorizable pass (m and v in blocks of their own, AdamW's decay fused in) against the
 * straightforward loops they replaced, on vectors long enough for C2 to compile and vectorize the loop, with a
 * length that is not a multiple of any vector width. Same float operations in the same order: results must be
 * bit-identical, not merely close.
 */
class AdamFusedLoopTest {
  private static final int SIZE = 4_099;
  private static final int STEPS = 300;

  @Test
  void adamEqualsTheScalarLoop() {
    OptimizerSpec.Adam spec = new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, new LrSchedule.Cosine(400, 0f));
    Optimizer adam = spec.create();
    compare(adam::update, (p, g, s) -> referenceAdam(spec, p, g, s, 1f));
  }

  @Test
  void adamWEqualsDecayThenTheScalarLoop() {
    OptimizerSpec.AdamW spec = new OptimizerSpec.AdamW(1e-2f, 0.9f, 0.99f, 1e-6f, 0.1f, new LrSchedule.Constant());
    OptimizerSpec.Adam inner = new OptimizerSpec.Adam(spec.lr(), spec.beta1(), spec.beta2(), spec.eps(), 0f,
        spec.schedule());
    Optimizer adamW = spec.create();
    compare(adamW::update, (p, g, s) -> {
      float lr = spec.schedule().lr(spec.lr(), s.step());
      referenceAdam(inner, p, g, s, (float) (1 - (double) lr * spec.weightDecay()));
    });
  }

  @Test
  void foldedGradientScaleEqualsScalingFirst() {
    OptimizerSpec.Adam spec = new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, new LrSchedule.Constant());
    Optimizer adam = spec.create();
    float scale = 1f / 48;
    compare((p, g, s) -> adam.update(p, g.clone(), scale, s), (p, g, s) -> {
      float[] scaled = g.clone();
      for (int i = 0; i < scaled.length; i++) scaled[i] *= scale;
      referenceAdam(spec, p, scaled, s, 1f);
    });
  }

  @Test
  void vectorLoopEqualsTheScalarLoop() {
    OptimizerSpec.Adam spec = new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, new LrSchedule.Constant());
    for (float keep : new float[] {1f, 0.999f}) {
      AdamOptimizer.Coefficients c = new AdamOptimizer.Coefficients(1.5e-3f, 1.01f, spec.beta1(), spec.beta2(),
          spec.eps(), spec.weightDecay(), 0.25f, keep);
      int lo = 3; // an unaligned start and a tail shorter than a vector
      compare((p, g, s) -> {
        assertTrue(AdamVectorStep.step(p, g, s.slot(0), s.slot(1), lo, p.length, c));
        AdamOptimizer.step(p, g, s.slot(0), s.slot(1), 0, lo, c);
      }, (p, g, s) -> AdamOptimizer.step(p, g, s.slot(0), s.slot(1), 0, p.length, c));
    }
  }

  @Test
  void checkedStepReportsEveryNonFiniteParameterVectorOrNot() {
    AdamOptimizer.Coefficients c = new AdamOptimizer.Coefficients(1e-3f, 1f, 0.9f, 0.999f, 1e-8f, 0f, 1f, 1f);
    int size = 37;
    for (boolean vector : new boolean[] {true, false}) {
      for (int at = 0; at < size; at++) {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY}) {
          float[] p = new float[size];
          float[] g = new float[size];
          p[at] = bad; // stays NaN, or becomes NaN (0 * inf in the weight decay term)
          assertFalse(AdamOptimizer.stepChecked(p, g, new float[size], new float[size], 0, size, c, vector),
              bad + " at " + at + (vector ? ", vector" : ", scalar"));
          assertTrue(AdamOptimizer.stepChecked(new float[size], g, new float[size], new float[size], 0, size, c,
              vector));
        }
      }
    }
  }

  @Test
  void checkedUpdateSaysWhetherEveryParameterIsFinite() {
    int size = 100_003;
    Optimizer adam = new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, new LrSchedule.Constant()).create();
    for (int at : new int[] {0, 50_001, size - 1}) {
      float[] g = new float[size];
      OptState s = adam.init(size);
      assertTrue(adam.updateChecked(new float[size], g, 1f, s));
      g[at] = Float.POSITIVE_INFINITY; // m becomes infinite, v too: p - inf / inf is NaN
      assertFalse(adam.updateChecked(new float[size], g, 1f, s), "infinite gradient at " + at);
    }
  }

  @Test
  void checkedUpdateEqualsThePlainOne() {
    int size = 100_003;
    Optimizer adam = new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0.01f, new LrSchedule.Constant()).create();
    compare((p, g, s) -> adam.updateChecked(p, g, 0.25f, s), (p, g, s) -> {
      adam.update(p, g, 0.25f, s.withStep(s.step())); // compare advances s itself
    }, size, 20);
    Optimizer adamW = new OptimizerSpec.AdamW(1e-2f, 0.9f, 0.99f, 1e-6f, 0.1f, new LrSchedule.Constant()).create();
    compare((p, g, s) -> adamW.updateChecked(p, g, 1f, s), (p, g, s) -> {
      adamW.update(p, g, 1f, s.withStep(s.step()));
    }, size, 20);
  }

  private interface Update {
    void apply(float[] params, float[] grads, OptState state);
  }

  /** Runs both from the same start on the same gradients; {@code fast} advances its state, the reference not. */
  private static void compare(Update fast, Update reference) {
    compare(fast, reference, SIZE, STEPS);
  }

  private static void compare(Update fast, Update reference, int size, int steps) {
    Random random = new Random(7);
    float[] p = new float[size];
    for (int i = 0; i < size; i++) p[i] = (float) random.nextGaussian();
    float[] q = p.clone();
    OptState fastState = new OptState(0, size, new float[2 * size]);
    OptState refState = new OptState(0, size, new float[2 * size]);
    float[] g = new float[size];
    for (int t = 0; t < steps; t++) {
      for (int i = 0; i < size; i++) g[i] = i % 17 == 0 ? 0f : (float) (random.nextGaussian() * Math.pow(10, -(i % 9)));
      fast.apply(p, g, fastState);
      reference.apply(q, g, refState);
      refState.advance();
    }
    assertArrayEquals(q, p, "params");
    assertArrayEquals(refState.flatSlots(), fastState.flatSlots(), "m and v");
  }

  /** The loop AdamOptimizer had before: m and v in place in the state array, decay {@code keep} as a first pass. */
  private static void referenceAdam(OptimizerSpec.Adam spec, float[] params, float[] grads, OptState state,
      float keep) {
    for (int i = 0; i < params.length; i++) params[i] *= keep;
    float lr = spec.schedule().lr(spec.lr(), state.step());
    long t = state.step() + 1;
    float stepSize = (float) (lr / (1 - Math.pow(spec.beta1(), t)));
    float correction2 = (float) Math.sqrt(1 - Math.pow(spec.beta2(), t));
    float[] m = state.slot(0);
    float[] v = state.slot(1);
    float invCorrection2 = 1f / correction2;
    for (int i = 0; i < params.length; i++) {
      float p = params[i];
      float g = grads[i] + spec.weightDecay() * p;
      float mi = spec.beta1() * m[i] + (1f - spec.beta1()) * g;
      float vi = spec.beta2() * v[i] + (1f - spec.beta2()) * g * g;
      m[i] = mi;
      v[i] = vi;
      params[i] = p - stepSize * mi / ((float) Math.sqrt(vi) * invCorrection2 + spec.eps());
    }
  }
}
