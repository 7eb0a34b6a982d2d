package org.sparknn.optim;

import org.sparknn.spec.Require;
import org.sparknn.spec.SpecException;

/**
 * How the learning rate changes during training. {@code step} is the number of updates already applied, so the
 * first update uses {@code lr(base, 0)}. Immutable and validated on construction; errors name the config key.
 */
public sealed interface LrSchedule extends java.io.Serializable permits LrSchedule.Constant, LrSchedule.StepDecay, LrSchedule.Cosine {

  /** The name used in configuration files ({@code schedule.type = ...}). */
  String type();

  /** The learning rate for the update taken after {@code step} updates, starting from {@code baseLr}. */
  float lr(float baseLr, long step);

  /** Rejects a base learning rate this schedule cannot work with; every base rate suits most schedules. */
  default void checkBase(float baseLr) {}

  /** lr(step) = baseLr. */
  record Constant() implements LrSchedule {
    public String type() {
      return "constant";
    }

    public float lr(float baseLr, long step) {
      checkStep(step);
      return baseLr;
    }
  }

  /** lr(step) = baseLr * gamma^floor(step / stepSize), as PyTorch's StepLR counted in updates rather than epochs. */
  record StepDecay(long stepSize, float gamma) implements LrSchedule {
    public StepDecay {
      Require.positive("step_size", stepSize);
      Require.inOpenClosed("gamma", gamma, 0f, 1f);
    }

    public String type() {
      return "step";
    }

    public float lr(float baseLr, long step) {
      checkStep(step);
      return (float) (baseLr * Math.pow(gamma, step / stepSize));
    }
  }

  /**
   * Cosine annealing (Loshchilov &amp; Hutter 2017, SGDR, without restarts; PyTorch's CosineAnnealingLR in closed form):
   * lr(step) = minLr + (baseLr - minLr) * (1 + cos(pi * min(step, totalSteps) / totalSteps)) / 2.
   * It stays at minLr after totalSteps updates.
   */
  record Cosine(long totalSteps, float minLr) implements LrSchedule {
    public Cosine {
      Require.positive("total_steps", totalSteps);
      Require.nonNegative("min_lr", minLr);
    }

    public String type() {
      return "cosine";
    }

    public float lr(float baseLr, long step) {
      checkStep(step);
      double progress = (double) Math.min(step, totalSteps) / totalSteps;
      return (float) (minLr + (baseLr - (double) minLr) * (1 + Math.cos(Math.PI * progress)) / 2);
    }

    /** An annealing schedule that would raise the rate is almost certainly a configuration mistake. */
    @Override
    public void checkBase(float baseLr) {
      if (minLr > baseLr) throw new SpecException("min_lr", "expected at most lr = " + baseLr + ", got " + minLr);
    }
  }

  private static void checkStep(long step) {
    if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
  }
}
