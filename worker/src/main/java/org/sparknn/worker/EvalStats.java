package org.sparknn.worker;

/**
 * Sums from an evaluation: loss over {@code samples} samples, and {@code correct} of {@code judged} predictions
 * right (judged = samples for class labels, samples x outputs for per-output binary labels, 0 for regression).
 */
public record EvalStats(double lossSum, long samples, long correct, long judged) implements java.io.Serializable {
  public static final EvalStats EMPTY = new EvalStats(0, 0, 0, 0);

  public EvalStats plus(EvalStats o) {
    return new EvalStats(lossSum + o.lossSum, samples + o.samples, correct + o.correct, judged + o.judged);
  }

  public double meanLoss() {
    return samples == 0 ? Double.NaN : lossSum / samples;
  }

  public double accuracy() {
    return judged == 0 ? Double.NaN : (double) correct / judged;
  }
}
