package org.sparknn.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sparknn.spec.SpecException;

/** Construction-time validation and PyTorch defaults. */
class OptimizerSpecTest {

  @Test
  void negativeLearningRateIsRejected() {
    SpecException e = assertThrows(SpecException.class,
        () -> new OptimizerSpec.Sgd(-0.1f, 0f, 0f, false, 0f, null));
    assertEquals("lr", e.key());
    assertTrue(e.getMessage().contains("-0.1"), e.getMessage());
  }

  @Test
  void betaOfOneIsRejected() {
    SpecException e = assertThrows(SpecException.class,
        () -> new OptimizerSpec.Adam(1e-3f, 1f, 0.999f, 1e-8f, 0f, null));
    assertEquals("beta1", e.key());
    assertTrue(e.getMessage().contains("1.0"), e.getMessage());
    assertEquals("beta2", assertThrows(SpecException.class,
        () -> new OptimizerSpec.AdamW(1e-3f, 0.9f, 1f, 1e-8f, 0f, null)).key());
  }

  @Test
  void otherRangesAreChecked() {
    assertEquals("weight_decay", assertThrows(SpecException.class,
        () -> new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, -1f, null)).key());
    assertEquals("eps", assertThrows(SpecException.class,
        () -> new OptimizerSpec.Adagrad(1e-2f, 0f, 0f, 0f, null)).key());
    assertEquals("initial_accumulator", assertThrows(SpecException.class,
        () -> new OptimizerSpec.Adagrad(1e-2f, 1e-10f, -1f, 0f, null)).key());
    assertEquals("momentum", assertThrows(SpecException.class,
        () -> new OptimizerSpec.RmsProp(1e-2f, 0.99f, 1e-8f, 1f, 0f, null)).key());
    assertEquals("alpha", assertThrows(SpecException.class,
        () -> new OptimizerSpec.RmsProp(1e-2f, 1f, 1e-8f, 0f, 0f, null)).key());
    assertEquals("lr", assertThrows(SpecException.class,
        () -> new OptimizerSpec.RmsProp(Float.NaN, 0.99f, 1e-8f, 0f, 0f, null)).key());
  }

  @Test
  void nesterovNeedsMomentumAndNoDampening() {
    SpecException noMomentum = assertThrows(SpecException.class,
        () -> new OptimizerSpec.Sgd(0.1f, 0f, 0f, true, 0f, null));
    assertEquals("nesterov", noMomentum.key());
    SpecException dampened = assertThrows(SpecException.class,
        () -> new OptimizerSpec.Sgd(0.1f, 0.9f, 0.1f, true, 0f, null));
    assertTrue(dampened.getMessage().contains("dampening 0.1"), dampened.getMessage());
  }

  @Test
  void cosineFloorAboveTheBaseRateIsRejectedUnderSchedule() {
    SpecException e = assertThrows(SpecException.class,
        () -> new OptimizerSpec.Adam(1e-3f, 0.9f, 0.999f, 1e-8f, 0f, new LrSchedule.Cosine(100, 0.01f)));
    assertEquals("schedule.min_lr", e.key());
    assertTrue(e.getMessage().contains("0.01"), e.getMessage());
  }

  @Test
  void nullScheduleMeansConstant() {
    assertEquals(new LrSchedule.Constant(), new OptimizerSpec.Adagrad(0.1f, 1e-10f, 0f, 0f, null).schedule());
  }

  @Test
  void defaultsArePyTorchs() {
    assertEquals(new OptimizerSpec.Sgd(0.001f, 0f, 0f, false, 0f, null), OptimizerSpec.Sgd.defaults());
    assertEquals(new OptimizerSpec.Adam(0.001f, 0.9f, 0.999f, 1e-8f, 0f, null), OptimizerSpec.Adam.defaults());
    assertEquals(new OptimizerSpec.AdamW(0.001f, 0.9f, 0.999f, 1e-8f, 0.01f, null), OptimizerSpec.AdamW.defaults());
    assertEquals(new OptimizerSpec.Adagrad(0.01f, 1e-10f, 0f, 0f, null), OptimizerSpec.Adagrad.defaults());
    assertEquals(new OptimizerSpec.RmsProp(0.01f, 0.99f, 1e-8f, 0f, 0f, null), OptimizerSpec.RmsProp.defaults());
  }
}
