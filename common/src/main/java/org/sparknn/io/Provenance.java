package org.sparknn.io;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where a saved model came from, stored in every model file so that a result can be traced and reproduced: the
 * job configuration text, the seed, the sparknn and Java versions, the compute backend and device, and free-form
 * extras (kept sorted so files are byte-for-byte reproducible).
 */
public record Provenance(String configText, long seed, String sparknnVersion, String javaVersion, String backend,
    String device, Map<String, String> extra) {
  public Provenance {
    requireText("configText", configText);
    requireText("sparknnVersion", sparknnVersion);
    requireText("javaVersion", javaVersion);
    requireText("backend", backend);
    requireText("device", device);
    if (extra == null) throw new IllegalArgumentException("provenance extra must not be null (use Map.of())");
    TreeMap<String, String> sorted = new TreeMap<>();
    for (Map.Entry<String, String> e : extra.entrySet()) {
      if (e.getKey() == null || e.getValue() == null) {
        throw new IllegalArgumentException("provenance extra has a null key or value: " + extra);
      }
      sorted.put(e.getKey(), e.getValue());
    }
    extra = Collections.unmodifiableMap(sorted);
  }

  private static void requireText(String name, String value) {
    if (value == null) throw new IllegalArgumentException("provenance " + name + " must not be null");
  }
}
