package org.sparknn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.sparknn.data.FeatureScaling;
import org.sparknn.spec.SpecException;

class ConfigValuesTest {

  /** A reader of {@code hocon} as if it were the {@code training} section. */
  private static ConfigValues in(String hocon) {
    return new ConfigValues(ConfigFactory.parseString(hocon), "training");
  }

  private static String message(Executable read) {
    return assertThrows(SpecException.class, read).getMessage();
  }

  @Test
  void readsEachType() {
    ConfigValues in = in("n = 3, big = 5000000000, whole = 2.0, x = 0.25, flag = false, s = hi, list = [1, 2], "
        + "o { a = 1 }, quoted = \"7\"");
    assertEquals(3, in.integer("n"));
    assertEquals(5_000_000_000L, in.longInteger("big"));
    assertEquals(2, in.integer("whole"));
    assertEquals(0.25f, in.number("x"));
    assertFalse(in.bool("flag", true));
    assertEquals("hi", in.string("s"));
    assertEquals(2, in.list("list").size());
    assertEquals(1, in.object("o").getInt("a"));
    assertEquals(7, in.integer("quoted")); // HOCON converts a numeric string where a number is asked for
  }

  @Test
  void absentKeysTakeTheFallback() {
    ConfigValues in = in("other = 1");
    assertEquals(10, in.integer("epochs", 10));
    assertEquals(42L, in.longInteger("seed", 42));
    assertEquals(0.5f, in.number("rate", 0.5f));
    assertTrue(in.bool("shuffle", true));
    assertEquals("runs", in.string("output", "runs"));
    assertEquals(FeatureScaling.UNIT,
        in.choice("scaling", "scaling", FeatureScaling.values(), FeatureScaling::configName, FeatureScaling.UNIT));
  }

  @Test
  void integersMustBeWholeNumbers() {
    assertEquals("training.epochs: expected an integer, got 2.5", message(() -> in("epochs = 2.5").integer("epochs")));
    assertEquals("training.epochs: expected an integer, got 2.5",
        message(() -> in("epochs = 2.5").integer("epochs", 10)));
    assertEquals("training.seed: expected an integer, got 0.001", message(() -> in("seed = 1e-3").longInteger("seed")));
    assertEquals("training.epochs: expected an integer from -2147483648 to 2147483647, got 5000000000",
        message(() -> in("epochs = 5000000000").integer("epochs")));
  }

  @Test
  void wrongTypesNameTheFullKeyAndTheValue() {
    assertEquals("training.epochs: expected an integer, got \"ten\"",
        message(() -> in("epochs = ten").integer("epochs", 10)));
    assertEquals("training.lr: expected a number, got \"abc\"", message(() -> in("lr = abc").number("lr", 1f)));
    assertEquals("training.shuffle: expected true or false, got \"sometimes\"",
        message(() -> in("shuffle = sometimes").bool("shuffle", true)));
    assertEquals("training.shuffle: expected true or false, got 1",
        message(() -> in("shuffle = 1").bool("shuffle", true)));
    assertEquals("training.s: expected a string, got list [1,2]", message(() -> in("s = [1, 2]").string("s")));
    assertEquals("training.o: expected an object, got 5", message(() -> in("o = 5").object("o")));
    assertEquals("training.l: expected a list, got object {\"a\":1}", message(() -> in("l { a = 1 }").list("l")));
    assertEquals("training.x: expected a number, got null", message(() -> in("x = null").number("x", 1f)));
  }

  @Test
  void renderedValuesLeaveOutComments() {
    String m = message(() -> in("o = [\n  1 # one\n  2 // two\n]").object("o"));
    assertEquals("training.o: expected an object, got list [1,2]", m);
  }

  @Test
  void missingRequiredKeysNameTheFullKey() {
    ConfigValues in = in("other = 1");
    assertEquals("training.epochs: missing", message(() -> in.integer("epochs")));
    assertEquals("training.seed: missing", message(() -> in.longInteger("seed")));
    assertEquals("training.rate: missing", message(() -> in.number("rate")));
    assertEquals("training.type: missing", message(() -> in.string("type")));
    assertEquals("training.layers: missing", message(() -> in.list("layers")));
    assertEquals("training.units: missing; a dense layer needs units",
        assertThrows(SpecException.class, () -> { throw in.missing("units", "a dense layer needs units"); })
            .getMessage());
  }

  @Test
  void emptyPrefixGivesBareKeys() {
    SpecException e = assertThrows(SpecException.class,
        () -> new ConfigValues(ConfigFactory.parseString("n = 1.5"), "").integer("n"));
    assertEquals("n", e.key());
  }

  @Test
  void optionalStringTreatsNullAsNone() {
    assertNull(in("test = null").optionalString("test"));
    assertNull(in("other = 1").optionalString("test"));
    assertEquals("t10k", in("test = t10k").optionalString("test"));
  }

  @Test
  void choiceIgnoresCaseAndSuggestsTheClosestName() {
    assertEquals(FeatureScaling.NONE,
        in("scaling = NONE").choice("scaling", "scaling", FeatureScaling.values(), FeatureScaling::configName));
    assertEquals("training.scaling: unknown scaling 'nnoe' (did you mean 'none'?); expected one of none, unit",
        message(() -> in("scaling = nnoe").choice("scaling", "scaling", FeatureScaling.values(),
            FeatureScaling::configName)));
  }
}
