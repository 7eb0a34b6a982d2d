package org.sparknn.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * "Did you mean" suggestions: the known name nearest to a misspelt one by Levenshtein distance (insertions,
 * deletions and substitutions each cost 1; case is ignored), offered only when it is near enough to be a typo.
 */
public final class ClosestName {
  private ClosestName() {}

  /**
   * The name in {@code known} nearest to {@code wrong}, if the distance is at most max(2, length / 3) and smaller
   * than the candidate's own length (so short unrelated words are not "corrected"). Ties go to the earlier name
   * in the collection's iteration order.
   */
  public static Optional<String> among(String wrong, Collection<String> known) {
    String w = wrong.toLowerCase(Locale.ROOT);
    int limit = Math.max(2, w.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int d = distance(w, candidate.toLowerCase(Locale.ROOT));
      if (d < bestDistance && d <= limit && d < candidate.length()) {
        best = candidate;
        bestDistance = d;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Levenshtein distance by the two-row dynamic programme (Wagner &amp; Fischer 1974). */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) previous[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
