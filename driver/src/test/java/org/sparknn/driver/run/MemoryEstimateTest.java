package org.sparknn.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The formula of {@link MemoryEstimate} on cases worked out by hand. */
class MemoryEstimateTest {
  private static final long H0 = 64L << 20;
  private static final long N0 = 320L << 20;

  @Test
  void loadingDominatesWhenTheDataIsLargeAgainstTheModel() {
    // 1,000 params, Adam (2 slots) stepped by the tasks (averaging), 2 tasks of 10 rows, evaluation networks of 5
    // rows, 100 activations a sample, 1,000 cached rows of 10 features + 1 label, local mode with 2 partitions
    MemoryEstimate e = new MemoryEstimate(1000, 2, true, 2, 10, 5, 100, 1000, 11, 2, false);
    assertEquals(44_000, e.dataBytes());                 // 4 * 1000 * 11
    assertEquals(132_000, e.loadingBytes());             // 3 * 44,000
    assertEquals(56_000, e.taskBytes());                 // 4 * 2 * (1000 * (2 + 2) + 2 * (10 + 5) * 100)
    assertEquals(40_000, e.driverBytes());               // 4 * 1000 * (2 * (1 + 2) + 2 + 2)
    assertEquals(H0 + 40_000 + 132_000, e.livePeakBytes()); // loading 132,000 > data + tasks 100,000
    assertEquals((H0 + 172_000) * 3 / 2, e.heapBytes());
    assertEquals((H0 + 172_000) * 3 / 2 + N0, e.residentBytes());
  }

  @Test
  void tasksDominateWithoutDataAndTheDriverStepsInStepMode() {
    // sync = step: the tasks hold no optimizer state; executor on a cluster: no driver share
    MemoryEstimate e = new MemoryEstimate(1000, 2, false, 2, 10, 5, 100, 0, 11, 0, false);
    assertEquals(40_000, e.taskBytes());                 // 4 * 2 * (1000 * 2 + 2 * (10 + 5) * 100)
    assertEquals(0, e.driverBytes());
    assertEquals(H0 + 40_000, e.livePeakBytes());
  }

  @Test
  void anExchangeInMemoryHoldsNoBuffersAndSharesTheParameters() {
    // local mode, streamed in memory: sync = step tasks read the driver's parameters in place (gradients only), and
    // the driver keeps its state and checkpoint copy only; averaging tasks still copy parameters and slots
    MemoryEstimate step = new MemoryEstimate(1000, 2, false, 2, 10, 5, 100, 0, 11, 2, true);
    assertEquals(32_000, step.taskBytes());              // 4 * 2 * (1000 * 1 + 2 * (10 + 5) * 100)
    assertEquals(24_000, step.driverBytes());            // 4 * 1000 * 2 * (1 + 2)
    MemoryEstimate averaging = new MemoryEstimate(1000, 2, true, 2, 10, 5, 100, 0, 11, 2, true);
    assertEquals(56_000, averaging.taskBytes());         // 4 * 2 * (1000 * (2 + 2) + 2 * (10 + 5) * 100)
    assertEquals(24_000, averaging.driverBytes());
  }

  @Test
  void rejectsNegativeSizesAndNoTasks() {
    assertThrows(IllegalArgumentException.class, () -> new MemoryEstimate(-1, 0, false, 1, 1, 1, 1, 1, 1, 0, false));
    assertThrows(IllegalArgumentException.class, () -> new MemoryEstimate(1, 0, false, 0, 1, 1, 1, 1, 1, 0, false));
  }
}
