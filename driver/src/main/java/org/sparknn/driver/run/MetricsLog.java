package org.sparknn.driver.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code metrics.jsonl}: one JSON object per line, one line per event. The whole file is rewritten atomically after
 * each event (it is small), which works on stores without append and never leaves a torn last line.
 */
public final class MetricsLog {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final AtomicFiles files;
  private final String path;
  private final List<String> lines = new ArrayList<>();

  public MetricsLog(AtomicFiles files, String path, List<String> earlierLines) {
    this.files = files;
    this.path = path;
    this.lines.addAll(earlierLines);
  }

  /** Appends one event ({@code "event"} first, then the fields in order) and rewrites the file. */
  public void record(String event, Map<String, Object> fields) throws IOException {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("event", event);
    line.putAll(fields);
    lines.add(JSON.writeValueAsString(line));
    files.write(path, out -> out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)));
  }

  /** Lines of an earlier run's log (for --resume), or none. */
  public static List<String> existing(AtomicFiles files, String path) throws IOException {
    if (!files.exists(path)) return List.of();
    String text = files.read(path, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
    return text.lines().filter(l -> !l.isBlank()).toList();
  }

  /**
   * The lines a run resumed after {@code epochsDone} epochs keeps: epoch lines up to that epoch and other events
   * in place; epoch lines after it (the checkpoint is older than they are; they will be written again), test lines
   * and end lines (new ones come at the end) go. Unparseable lines are kept as they are.
   */
  public static List<String> keptOnResume(List<String> lines, int epochsDone) {
    List<String> kept = new ArrayList<>();
    for (String l : lines) {
      try {
        com.fasterxml.jackson.databind.JsonNode n = JSON.readTree(l);
        String event = n.path("event").asText();
        boolean later = event.equals("epoch") && n.path("epoch").asInt() > epochsDone;
        if (event.equals("test") || event.equals("end") || later) continue;
      } catch (IOException e) {
        // not ours to judge: keep it
      }
      kept.add(l);
    }
    return kept;
  }
}
