package org.sparknn.config;

import java.util.Set;
import java.util.TreeSet;
import org.sparknn.spec.SpecException;

/** Rejects keys a section does not know, suggesting the closest known one (a typo should not be ignored). */
final class KnownKeys {
  private KnownKeys() {}

  static void check(Set<String> present, Set<String> known, String section) {
    for (String key : new TreeSet<>(present)) {
      if (known.contains(key)) continue;
      String full = section.isEmpty() ? key : section + "." + key;
      String hint = ClosestName.among(key, known).map(k -> " (did you mean '" + k + "'?)").orElse("");
      throw new SpecException(full, "unknown key" + hint + "; known keys here: " + String.join(", ", new TreeSet<>(known)));
    }
  }
}
