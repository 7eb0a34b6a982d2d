package org.sparknn.driver.run;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparknn.driver.train.EpochSummary;
import org.sparknn.driver.train.EpochSummary.Transport;
import org.sparknn.worker.EvalStats;

/** The note for runs that mostly communicate names the setting that helps for how their rounds travel. */
class CommunicationAdviceTest {
  private static EpochSummary epoch(double seconds, double compute, double update, Transport transport) {
    return new EpochSummary(1, new EvalStats(100, 6400, 5000, 6400), null, seconds, 100, compute, update, 0.01, 0.02, 0,
        transport);
  }

  @Test
  void mostlyComputingGetsNoNote() {
    assertNull(CommunicationAdvice.of(epoch(2.0, 1.2, 0.1, Transport.STREAMED_STEPS)), "30% communication");
    assertNull(CommunicationAdvice.of(epoch(2.0, 0.5, 0.5, Transport.JOB_PER_STEP)), "exactly half");
  }

  @Test
  void aSteadyEpochIsJudgedOnce() {
    assertFalse(CommunicationAdvice.judges(1, 1, 10), "the first epoch pays for warm-up");
    assertTrue(CommunicationAdvice.judges(2, 2, 10));
    assertFalse(CommunicationAdvice.judges(3, 3, 10), "once per run");
    assertTrue(CommunicationAdvice.judges(1, 1, 1), "a one-epoch run has only its first");
    assertTrue(CommunicationAdvice.judges(1, 10, 10), "a run resumed for its last epoch");
    assertTrue(CommunicationAdvice.judges(2, 7, 10), "a run resumed at epoch 6: its second");
  }

  @Test
  void eachTransportGetsItsOwnAdvice() {
    String streamed = CommunicationAdvice.of(epoch(4.0, 1.0, 0.2, Transport.STREAMED_STEPS));
    assertTrue(streamed.startsWith("note: 70% of epoch 1 went to communication and waiting, not computing (28.00 of "
        + "40.00 ms per round)"), streamed);
    assertTrue(streamed.contains("training.batch_size") && streamed.contains("training.sync = 8"), streamed);
    String jobs = CommunicationAdvice.of(epoch(10.0, 1.0, 0.2, Transport.JOB_PER_STEP));
    assertTrue(jobs.contains("set training.partitions to at most the cores"), jobs);
    String rounds = CommunicationAdvice.of(epoch(10.0, 1.0, 0.2, Transport.JOB_PER_ROUND));
    assertTrue(rounds.contains("a larger N in training.sync = N"), rounds);
  }
}
