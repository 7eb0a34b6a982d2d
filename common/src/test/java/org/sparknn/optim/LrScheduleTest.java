package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparknn.spec.SpecException;

class LrScheduleTest {

  @Test
  void constantIgnoresTheStep() {
    LrSchedule s = new LrSchedule.Constant();
    assertEquals(0.25f, s.lr(0.25f, 0));
    assertEquals(0.25f, s.lr(0.25f, 1_000_000));
  }

  @Test
  void stepDecayMultipliesByGammaEveryStepSizeUpdates() {
    LrSchedule s = new LrSchedule.StepDecay(10, 0.5f);
    assertEquals(0.8f, s.lr(0.8f, 0));
    assertEquals(0.8f, s.lr(0.8f, 9));
    assertEquals(0.4f, s.lr(0.8f, 10));
    assertEquals(0.2f, s.lr(0.8f, 25));
    assertEquals(0.8 * Math.pow(0.5, 100), s.lr(0.8f, 1000), 1e-36);
  }

  @Test
  void cosineFallsFromBaseToMinAndStaysThere() {
    LrSchedule s = new LrSchedule.Cosine(100, 0.01f);
    assertEquals(0.1f, s.lr(0.1f, 0), 1e-9);
    // a quarter of the way: 0.01 + 0.09 * (1 + cos(pi/4)) / 2 = 0.01 + 0.09 * 0.853553... = 0.0868198
    assertEquals(0.01 + 0.09 * (1 + Math.sqrt(0.5)) / 2, s.lr(0.1f, 25), 1e-8);
    assertEquals(0.055, s.lr(0.1f, 50), 1e-8);
    assertEquals(0.01f, s.lr(0.1f, 100), 1e-9);
    assertEquals(0.01f, s.lr(0.1f, 5000), 1e-9);
  }

  @Test
  void invalidSettingsAreRejectedNamingTheKey() {
    assertKeyAndValue(assertThrows(SpecException.class, () -> new LrSchedule.StepDecay(0, 0.5f)), "step_size", "0");
    assertKeyAndValue(assertThrows(SpecException.class, () -> new LrSchedule.StepDecay(5, 1.5f)), "gamma", "1.5");
    assertKeyAndValue(assertThrows(SpecException.class, () -> new LrSchedule.StepDecay(5, 0f)), "gamma", "0.0");
    assertKeyAndValue(assertThrows(SpecException.class, () -> new LrSchedule.Cosine(-3, 0f)), "total_steps", "-3");
    assertKeyAndValue(assertThrows(SpecException.class, () -> new LrSchedule.Cosine(10, -0.1f)), "min_lr", "-0.1");
  }

  @Test
  void negativeStepIsAProgrammingError() {
    assertThrows(IllegalArgumentException.class, () -> new LrSchedule.Cosine(10, 0f).lr(0.1f, -1));
  }

  private static void assertKeyAndValue(SpecException e, String key, String value) {
    assertEquals(key, e.key());
    assertTrue(e.getMessage().contains(value), e.getMessage());
  }
}
