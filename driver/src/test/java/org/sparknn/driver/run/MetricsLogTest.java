package org.sparknn.driver.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * On resume, metrics.jsonl keeps the epochs the checkpoint has and other events, and drops later epochs, tests and
 * end lines.
 */
class MetricsLogTest {
  @Test
  void resumeDropsLaterEpochsTheTestLineAndTheEndLine() {
    List<String> lines = List.of("{\"event\":\"epoch\",\"epoch\":1}", "{\"event\":\"epoch\",\"epoch\":2}",
        "{\"event\":\"epoch\",\"epoch\":3}", "{\"event\":\"test\",\"test_loss\":0.5}",
        "{\"event\":\"end\",\"peak_rss_bytes\":7}", "{\"event\":\"other\"}", "not json");
    assertEquals(List.of("{\"event\":\"epoch\",\"epoch\":1}", "{\"event\":\"epoch\",\"epoch\":2}",
        "{\"event\":\"other\"}", "not json"), MetricsLog.keptOnResume(lines, 2));
  }
}
