package org.sparknn.driver.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The {@code params_sha256} values of a run's metrics.jsonl, in training order: {@code step} lines (written every
 * {@code training.hash_every} steps) and {@code epoch} lines (after each epoch). A point logged twice (a resumed
 * run) counts as last logged.
 */
public record RunHashes(NavigableMap<Point, String> hashes) {
  /** Where a hash was taken: after {@code step} of {@code epoch} (1-based), or at its end when step is -1. */
  public record Point(int epoch, long step) implements Comparable<Point> {
    private static final Comparator<Point> ORDER = Comparator.comparingInt(Point::epoch)
        .thenComparingLong(p -> p.step < 0 ? Long.MAX_VALUE : p.step);

    @Override
    public int compareTo(Point o) {
      return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
      return step < 0 ? "epoch " + epoch : "step " + step + " (epoch " + epoch + ")";
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code run}/metrics.jsonl (or {@code run} itself when it is a file); the message says what is wrong. */
  public static RunHashes read(String run) {
    Path path = Path.of(run);
    if (!Files.exists(path)) throw new IllegalArgumentException(run + ": no such run directory or metrics file");
    if (Files.isDirectory(path)) path = path.resolve("metrics.jsonl");
    if (!Files.isRegularFile(path)) throw new IllegalArgumentException(path + ": no such metrics file");
    List<String> lines;
    try {
      lines = Files.readAllLines(path);
    } catch (IOException e) {
      throw new IllegalArgumentException(path + ": cannot read: " + e.getMessage());
    }
    TreeMap<Point, String> hashes = new TreeMap<>();
    int n = 0;
    for (String line : lines) {
      n++;
      if (line.isBlank()) continue;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (IOException e) {
        throw new IllegalArgumentException(path + ", line " + n + ": not JSON");
      }
      String event = node.path("event").asText();
      JsonNode hash = node.get("params_sha256");
      if (hash == null || !(event.equals("epoch") || event.equals("step"))) continue;
      long step = event.equals("step") ? node.path("step").asLong() : -1;
      hashes.put(new Point(node.path("epoch").asInt(), step), hash.asText());
    }
    if (hashes.isEmpty()) {
      throw new IllegalArgumentException(path + ": no params_sha256 in any epoch line (a run from before issue 6, "
          + "or one that finished no epoch)");
    }
    return new RunHashes(hashes);
  }
}
