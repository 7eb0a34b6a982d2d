package org.sparknn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.sparknn.optim.LrSchedule;
import org.sparknn.optim.OptimizerSpec;
import org.sparknn.spec.SpecException;

class OptimizerConfigTest {

  private static OptimizerSpec parse(String hocon) {
    return OptimizerConfig.parse(ConfigFactory.parseString(hocon), "optimizer");
  }

  private static SpecException reject(String hocon) {
    return assertThrows(SpecException.class, () -> parse(hocon));
  }

  private static void assertMentions(SpecException e, String key, String... fragments) {
    assertEquals(key, e.key(), e.getMessage());
    assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
    for (String f : fragments) assertTrue(e.getMessage().contains(f), "'" + f + "' not in: " + e.getMessage());
  }

  @Test
  void readsEverySetting() {
    assertEquals(new OptimizerSpec.Adam(0.002f, 0.8f, 0.99f, 1e-6f, 0.1f, new LrSchedule.Cosine(1000, 1e-5f)),
        parse("type = adam, lr = 0.002, beta1 = 0.8, beta2 = 0.99, eps = 1e-6, weight_decay = 0.1, "
            + "schedule { type = cosine, total_steps = 1000, min_lr = 1e-5 }"));
    assertEquals(new OptimizerSpec.Sgd(0.1f, 0.5f, 0.1f, false, 1e-4f, new LrSchedule.StepDecay(30, 0.5f)),
        parse("type = sgd, lr = 0.1, momentum = 0.5, dampening = 0.1, nesterov = false, weight_decay = 1e-4, "
            + "schedule { type = step, step_size = 30, gamma = 0.5 }"));
    assertEquals(new OptimizerSpec.Adagrad(0.05f, 1e-8f, 0.1f, 0.01f, null),
        parse("type = adagrad, lr = 0.05, eps = 1e-8, initial_accumulator = 0.1, weight_decay = 0.01"));
    assertEquals(new OptimizerSpec.RmsProp(0.001f, 0.9f, 1e-7f, 0.5f, 0f, null),
        parse("type = rmsprop, lr = 0.001, alpha = 0.9, eps = 1e-7, momentum = 0.5"));
  }

  @Test
  void omittedKeysTakePyTorchDefaults() {
    assertEquals(OptimizerSpec.Sgd.defaults(), parse("type = sgd"));
    assertEquals(OptimizerSpec.Adam.defaults(), parse("type = adam"));
    assertEquals(OptimizerSpec.AdamW.defaults(), parse("type = adamw"));
    assertEquals(OptimizerSpec.Adagrad.defaults(), parse("type = adagrad"));
    assertEquals(OptimizerSpec.RmsProp.defaults(), parse("type = rmsprop"));
    assertEquals(new LrSchedule.StepDecay(10, 0.1f), parse("type = sgd, schedule { type = step, step_size = 10 }").schedule());
  }

  @Test
  void momentumAndNesterovAreSgdAliases() {
    assertEquals(new OptimizerSpec.Sgd(0.01f, 0.9f, 0f, false, 0f, null), parse("type = momentum, lr = 0.01"));
    assertEquals(new OptimizerSpec.Sgd(0.01f, 0.9f, 0f, true, 0f, null), parse("type = nesterov, lr = 0.01"));
    assertEquals(new OptimizerSpec.Sgd(0.01f, 0.95f, 0f, true, 0f, null),
        parse("type = nesterov, lr = 0.01, momentum = 0.95"));
    assertMentions(reject("type = nesterov, nesterov = false"), "optimizer.nesterov", "false");
    assertMentions(reject("type = momentum, momentum = 0"), "optimizer.momentum", "0.0");
  }

  @Test
  void negativeLearningRateIsRejected() {
    assertMentions(reject("type = sgd, lr = -0.1"), "optimizer.lr", "expected a finite number > 0, got -0.1");
  }

  @Test
  void betaOfOneIsRejected() {
    assertMentions(reject("type = adam, beta1 = 1"), "optimizer.beta1", "got 1.0");
  }

  @Test
  void unknownTypeSuggestsTheClosest() {
    SpecException e = reject("type = adamm");
    assertEquals("optimizer.type: unknown optimizer 'adamm' (did you mean 'adam'?); expected one of sgd, momentum, "
        + "nesterov, adam, adamw, adagrad, rmsprop", e.getMessage());
    assertMentions(reject("type = lbfgs"), "optimizer.type", "'lbfgs'", "rmsprop");
    assertTrue(!reject("type = lbfgs").getMessage().contains("did you mean"));
  }

  @Test
  void missingTypeIsRejected() {
    assertMentions(reject("lr = 0.1"), "optimizer.type", "missing");
  }

  @Test
  void keyOfAnotherOptimizerIsRejectedListingTheValidOnes() {
    assertMentions(reject("type = sgd, beta1 = 0.9"), "optimizer.beta1", "'sgd'",
        "lr, momentum, dampening, nesterov, weight_decay, schedule");
    assertMentions(reject("type = adam, momentum = 0.9"), "optimizer.momentum", "'adam'", "beta1, beta2, eps");
    assertMentions(reject("type = adamw, weight_decy = 0.1"), "optimizer.weight_decy", "did you mean 'weight_decay'");
  }

  @Test
  void wrongValueTypeNamesKeyExpectedTypeAndValue() {
    assertMentions(reject("type = adam, lr = fast"), "optimizer.lr", "expected a number", "\"fast\"");
    assertMentions(reject("type = sgd, momentum = 0.9, nesterov = sometimes"), "optimizer.nesterov",
        "expected true or false", "\"sometimes\"");
    assertMentions(reject("type = adam, eps = [1, 2]"), "optimizer.eps", "expected a number", "list [1,2]");
    assertMentions(reject("type = adam, eps = null"), "optimizer.eps", "expected a number", "null");
    assertMentions(reject("type { name = adam }"), "optimizer.type", "expected a string");
  }

  @Test
  void scheduleErrorsNameTheNestedKey() {
    assertMentions(reject("type = sgd, schedule = cosine"), "optimizer.schedule", "expected an object", "\"cosine\"");
    assertMentions(reject("type = sgd, schedule { type = cosin, total_steps = 5 }"), "optimizer.schedule.type",
        "unknown schedule 'cosin'", "did you mean 'cosine'");
    assertMentions(reject("type = sgd, schedule { type = step }"), "optimizer.schedule.step_size", "missing");
    assertMentions(reject("type = sgd, schedule { type = step, step_size = 2.5 }"),
        "optimizer.schedule.step_size", "expected an integer", "2.5");
    assertMentions(reject("type = sgd, schedule { type = step, step_size = 5, gamma = 2 }"),
        "optimizer.schedule.gamma", "got 2.0");
    assertMentions(reject("type = sgd, schedule { type = step, step_size = 5, min_lr = 0 }"),
        "optimizer.schedule.min_lr", "'step'", "step_size, gamma");
    assertMentions(reject("type = sgd, lr = 0.01, schedule { type = cosine, total_steps = 5, min_lr = 0.1 }"),
        "optimizer.schedule.min_lr", "0.1");
  }

  @Test
  void emptyPathLeavesKeysBare() {
    SpecException e = assertThrows(SpecException.class,
        () -> OptimizerConfig.parse(ConfigFactory.parseString("type = adam, lr = 0"), ""));
    assertEquals("lr", e.key());
  }
}
