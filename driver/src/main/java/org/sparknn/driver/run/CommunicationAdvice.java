package org.sparknn.driver.run;

import org.sparknn.driver.train.EpochSummary;

/**
 * A note for a run that spends most of its time communicating rather than computing, with the setting that would
 * help for how its rounds travel. Shown once per run, judged on a steady epoch ({@link #judges}).
 */
final class CommunicationAdvice {
  /** Above this share of an epoch's wall time in communication and waiting, the run is told. */
  static final double THRESHOLD = 0.5;

  private CommunicationAdvice() {}

  /**
   * Whether the {@code reported}-th epoch a run reports (1-based), epoch {@code epoch} of {@code epochs}, is the one
   * to judge: the second, because the first one a JVM trains also pays for JIT warm-up and the stage's start (the
   * README's main job spent 59-66% of epoch 1 communicating and waiting, 27-42% of every later one, and was told
   * to exchange less often although that trains slower there); the first when no other follows.
   */
  static boolean judges(int reported, int epoch, int epochs) {
    return reported == 2 || reported == 1 && epoch >= epochs;
  }

  /** The note for {@code s}, or null when computing (or the driver's update) takes most of the time. */
  static String of(EpochSummary s) {
    double share = s.communicationShare();
    if (share <= THRESHOLD || s.rounds() == 0) return null;
    String what = String.format("note: %.0f%% of epoch %d went to communication and waiting, not computing "
        + "(%.2f of %.2f ms per round)", 100 * share, s.epoch(), 1e3 * s.sparkSeconds() / s.rounds(),
        1e3 * s.seconds() / s.rounds());
    String help = switch (s.transport()) {
      case STREAMED_STEPS -> "each step exchanges the whole gradient and model: a larger training.batch_size, or "
          + "training.sync = 8 (average every 8 local steps) or epoch, exchanges less often";
      case JOB_PER_STEP -> "sync = step is running a Spark job per step because the partitions outnumber the task "
          + "slots: set training.partitions to at most the cores Spark has so that steps stream, or use "
          + "training.sync = 8 or epoch";
      case STREAMED_ROUNDS -> "each round exchanges the whole model and optimizer state: a larger N in "
          + "training.sync = N, or epoch, exchanges less often";
      case JOB_PER_ROUND -> "each round is a Spark job: a larger N in training.sync = N, or epoch, runs fewer";
    };
    return what + "; " + help + ".";
  }
}
