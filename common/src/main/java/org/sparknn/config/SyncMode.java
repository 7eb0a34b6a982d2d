package org.sparknn.config;

import java.util.Locale;
import org.sparknn.spec.SpecException;

/**
 * How often partitions synchronise ({@code training.sync}).
 * <ul>
 *   <li>{@code step} ({@link #everyStep()}): synchronous data-parallel SGD: every global batch is split across
 *       partitions, gradients are summed, the optimizer steps once on the driver.</li>
 *   <li>a number N: local SGD: each partition takes N steps on its own share of the data (its share of the global
 *       batch per step), then parameters and optimizer state are averaged.</li>
 *   <li>{@code epoch}: local SGD with one average per epoch (the cheapest in communication).</li>
 * </ul>
 */
public record SyncMode(Kind kind, int steps) implements java.io.Serializable {
  public enum Kind { STEP, EVERY_N, EPOCH }

  public SyncMode {
    if (kind == Kind.EVERY_N && steps <= 0) throw new SpecException("training.sync", "expected a positive step count, got " + steps);
  }

  public static SyncMode everyStep() {
    return new SyncMode(Kind.STEP, 1);
  }

  public static SyncMode everyEpoch() {
    return new SyncMode(Kind.EPOCH, 0);
  }

  public static SyncMode every(int steps) {
    return new SyncMode(Kind.EVERY_N, steps);
  }

  /** Parses {@code step}, {@code epoch} or a positive whole number. */
  public static SyncMode parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("step")) return everyStep();
    if (t.equals("epoch")) return everyEpoch();
    try {
      return every(Integer.parseInt(t));
    } catch (NumberFormatException e) {
      throw new SpecException("training.sync", "expected step, epoch or a positive number of steps, got '" + text + "'");
    }
  }

  public boolean isGradient() {
    return kind == Kind.STEP;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case STEP -> "step";
      case EPOCH -> "epoch";
      case EVERY_N -> Integer.toString(steps);
    };
  }
}
