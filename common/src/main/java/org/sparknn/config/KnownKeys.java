package org.sparknn.config;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.sparknn.spec.SpecException;

/**
 * Rejects names the config does not know, suggesting the closest known one: a misspelt key that was silently
 * ignored would leave its default in force and cost a whole training run before anyone noticed.
 */
final class KnownKeys {
  private KnownKeys() {}

  /**
   * Fails on the first key of {@code in} (alphabetically, so the report is stable) not in {@code known}, e.g.
   * {@code training.epoch: not a key of training settings (did you mean 'epochs'?); valid keys: epochs, ...}.
   * {@code owner} names what the keys belong to; {@code known} is listed in the order given.
   */
  static void check(ConfigValues in, List<String> known, String owner) {
    check(in, known, List.of(), owner);
  }

  /**
   * As {@link #check(ConfigValues, List, String)}, but when no known key is close, a key near the last part of
   * one in {@code elsewhere} (full keys of nested sections) suggests that one: an override {@code epochs=2} most
   * likely lost its {@code training.}.
   */
  static void check(ConfigValues in, List<String> known, List<String> elsewhere, String owner) {
    List<String> lastParts = elsewhere.stream().map(k -> k.substring(k.lastIndexOf('.') + 1)).toList();
    for (String key : new TreeSet<>(in.names())) {
      if (known.contains(key)) continue;
      Optional<String> closest = ClosestName.among(key, known)
          .or(() -> ClosestName.among(key, lastParts).map(part -> elsewhere.get(lastParts.indexOf(part))));
      throw new SpecException(in.key(key), "not a key of " + owner + hint(closest) + "; valid keys: "
          + String.join(", ", known));
    }
  }

  /** The error for a value that names no known {@code what}, e.g. {@code unknown optimizer 'adamm' (did you ...}. */
  static SpecException unknownName(String key, String what, String name, List<String> known) {
    return new SpecException(key, "unknown " + what + " '" + name + "'" + hint(ClosestName.among(name, known))
        + "; expected one of " + String.join(", ", known));
  }

  private static String hint(Optional<String> closest) {
    return closest.map(k -> " (did you mean '" + k + "'?)").orElse("");
  }
}
