package org.sparknn.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClosestNameTest {
  private static final List<String> TYPES = List.of("sgd", "momentum", "nesterov", "adam", "adamw", "adagrad", "rmsprop");

  @Test
  void suggestsTheNearestName() {
    assertEquals(Optional.of("adam"), ClosestName.among("adamm", TYPES));
    assertEquals(Optional.of("rmsprop"), ClosestName.among("rmsporp", TYPES));
    assertEquals(Optional.of("sgd"), ClosestName.among("sdg", TYPES));
    assertEquals(Optional.of("weight_decay"), ClosestName.among("weight-decy", List.of("lr", "weight_decay")));
  }

  @Test
  void ignoresCase() {
    assertEquals(Optional.of("adamw"), ClosestName.among("AdamW", TYPES));
  }

  @Test
  void suggestsNothingForUnrelatedWords() {
    assertEquals(Optional.empty(), ClosestName.among("lbfgs", TYPES));
    assertEquals(Optional.empty(), ClosestName.among("x", List.of("lr", "eps")));
    assertEquals(Optional.empty(), ClosestName.among("adam", List.of()));
  }

  @Test
  void tiesGoToTheEarlierName() {
    assertEquals(Optional.of("adam"), ClosestName.among("adamx", List.of("adam", "adamw")));
    assertEquals(Optional.of("adamw"), ClosestName.among("adamx", List.of("adamw", "adam")));
  }

  @Test
  void levenshteinDistance() {
    assertEquals(0, ClosestName.distance("adam", "adam"));
    assertEquals(3, ClosestName.distance("kitten", "sitting"));
    assertEquals(2, ClosestName.distance("sdg", "sgd"));
    assertEquals(4, ClosestName.distance("", "adam"));
  }
}
