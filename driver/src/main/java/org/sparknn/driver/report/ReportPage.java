package org.sparknn.driver.report;

import static org.sparknn.driver.report.Html.count;
import static org.sparknn.driver.report.Html.esc;
import static org.sparknn.driver.report.Html.num;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.sparknn.driver.predict.SavedModels;
import org.sparknn.io.Provenance;
import org.sparknn.spec.ModelSummary;

/**
 * report.html: one self-contained page (inline CSS, charts as base64 PNG, no script) whose Content-Security-Policy
 * forbids every fetch, so it reads the same offline, from a mail attachment or from HDFS. Sections: headline
 * figures, curves, per-epoch table, time split, test confusion matrix, model, configuration and provenance.
 */
final class ReportPage {
  /** A chart's PNG and what it shows. */
  record Image(String name, String caption, byte[] png, int width, int height) {}

  /** What the page shows; {@code model} is null when the run has no readable model file ({@code modelNote} says). */
  record Content(String runDir, RunMetrics metrics, List<Image> images, SavedModels.Loaded model,
      String modelNote, Instant written) {}

  private static final String CSS = """
      body{font-family:system-ui,-apple-system,"Segoe UI","DejaVu Sans",sans-serif;color:#222;margin:0;
        background:#f6f7f9}
      main{max-width:1120px;margin:0 auto;padding:24px 32px 48px}
      h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:32px 0 10px;border-bottom:1px solid #ddd;
        padding-bottom:4px}
      .sub{color:#666;margin:0 0 18px;font-size:14px}
      .cards{display:flex;flex-wrap:wrap;gap:12px}
      .card{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 16px;min-width:140px}
      .card b{display:block;font-size:22px;color:#1f4e79}.card span{font-size:13px;color:#666}
      .row{display:flex;flex-wrap:wrap;gap:12px}
      figure{margin:0 0 12px;display:inline-block;background:#fff;border:1px solid #ddd;border-radius:8px;
        padding:8px}
      figcaption{font-size:13px;color:#666;text-align:center}
      table{border-collapse:collapse;background:#fff;font-size:13px}
      th,td{border:1px solid #ddd;padding:4px 8px;text-align:right}th{background:#eef1f5}
      td.c{min-width:38px;text-align:center}td.diag{font-weight:bold}td.dark{color:#fff}
      .confusion th.col{writing-mode:vertical-rl;transform:rotate(180deg);text-align:left;height:90px}
      .confusion tbody th,.confusion tfoot th{text-align:left}td.sum{background:#f3f4f6}
      pre{background:#fff;border:1px solid #ddd;border-radius:8px;padding:10px 14px;font-size:12px;overflow:auto}
      .note{color:#8a6d3b}.provenance td{text-align:left}
      """;

  private ReportPage() {}

  static String render(Content c) {
    StringBuilder b = new StringBuilder(64 * 1024);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; ")
        .append("style-src 'unsafe-inline'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>sparknn report: ").append(esc(c.runDir())).append("</title>\n<style>").append(CSS)
        .append("</style>\n</head>\n<body>\n<main>\n<h1>Training report</h1>\n<p class=\"sub\">")
        .append(esc(c.runDir())).append(" &middot; written ")
        .append(esc(c.written().truncatedTo(ChronoUnit.SECONDS).toString())).append(" by sparknn</p>\n");
    headline(b, c.metrics());
    b.append("<h2>Curves</h2>\n<div class=\"row\">\n");
    for (Image i : c.images()) {
      if (i.name().equals("epoch-time")) continue;
      figure(b, i);
    }
    b.append("</div>\n");
    epochTable(b, c.metrics().epochs());
    b.append("<h2>Time per epoch</h2>\n<p class=\"sub\">compute: the partitions' forward, backward and local "
        + "updates (divided by the partition count, as they run in parallel); spark: scheduling, broadcast, "
        + "serialization and tree aggregation; driver update: the optimizer or averaging step.</p>\n");
    c.images().stream().filter(i -> i.name().equals("epoch-time")).forEach(i -> figure(b, i));
    test(b, c);
    model(b, c);
    b.append("</main>\n</body>\n</html>\n");
    return b.toString();
  }

  private static void headline(StringBuilder b, RunMetrics m) {
    EpochRecord last = m.epochs().get(m.epochs().size() - 1);
    double seconds = 0;
    for (EpochRecord e : m.epochs()) seconds += Double.isNaN(e.seconds()) ? 0 : e.seconds();
    b.append("<div class=\"cards\">\n");
    if (m.test() != null) {
      card(b, num(m.test().accuracy(), 4), "test accuracy");
      card(b, num(m.test().loss(), 4), "test loss");
    }
    card(b, Integer.toString(last.epoch()), "epochs");
    card(b, num(last.trainLoss(), 4), "last training loss");
    if (!Double.isNaN(last.valAccuracy())) card(b, num(last.valAccuracy(), 4), "last validation accuracy");
    card(b, num(seconds, 1) + " s", "training time");
    card(b, num(last.samplesPerSecond(), 0), "samples/s (last epoch)");
    b.append("</div>\n");
  }

  private static void card(StringBuilder b, String value, String label) {
    b.append("<div class=\"card\"><b>").append(value).append("</b><span>").append(esc(label))
        .append("</span></div>\n");
  }

  private static void figure(StringBuilder b, Image i) {
    b.append("<figure><img width=\"").append(i.width()).append("\" height=\"").append(i.height())
        .append("\" alt=\"").append(esc(i.caption()))
        .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(i.png()))
        .append("\"><figcaption>").append(esc(i.caption())).append(" (").append(esc(i.name()))
        .append(".png)</figcaption></figure>\n");
  }

  private static void epochTable(StringBuilder b, List<EpochRecord> epochs) {
    b.append("<h2>Epochs</h2>\n<table class=\"epochs\">\n<thead><tr><th>epoch</th><th>train loss</th>")
        .append("<th>train acc</th><th>val loss</th><th>val acc</th><th>samples/s</th><th>seconds</th>")
        .append("<th>compute s</th><th>spark s</th><th>update s</th><th>rounds</th></tr></thead>\n<tbody>\n");
    for (EpochRecord e : epochs) {
      b.append("<tr class=\"epoch\"><td>").append(e.epoch()).append("</td><td>").append(num(e.trainLoss(), 4))
          .append("</td><td>").append(num(e.trainAccuracy(), 4)).append("</td><td>").append(num(e.valLoss(), 4))
          .append("</td><td>").append(num(e.valAccuracy(), 4)).append("</td><td>")
          .append(num(e.samplesPerSecond(), 0)).append("</td><td>").append(num(e.seconds(), 2)).append("</td><td>")
          .append(num(e.computeSeconds(), 2)).append("</td><td>").append(num(e.sparkSeconds(), 2))
          .append("</td><td>").append(num(e.updateSeconds(), 2)).append("</td><td>").append(count(e.rounds()))
          .append("</td></tr>\n");
    }
    b.append("</tbody>\n</table>\n");
  }

  private static void test(StringBuilder b, Content c) {
    b.append("<h2>Test set</h2>\n");
    TestRecord t = c.metrics().test();
    if (t == null) {
      b.append("<p class=\"note\">No test result in ").append(esc(c.metrics().path()))
          .append(" (the configuration has no data.test, or the run has not finished).</p>\n");
      return;
    }
    b.append("<p>loss ").append(num(t.loss(), 4)).append(", accuracy ").append(num(t.accuracy(), 4));
    if (t.samples() >= 0) b.append(" on ").append(count(t.samples())).append(" samples");
    b.append(".</p>\n");
    if (t.confusion() != null) {
      String config = c.model() == null ? "" : c.model().model().provenance().configText();
      b.append("<p class=\"sub\">Confusion matrix: rows are true classes, columns predicted classes; shading is "
          + "the share of the row.</p>\n").append(ConfusionTable.render(t.confusion(),
          ClassNames.of(config, t.confusion().length)));
    }
  }

  private static void model(StringBuilder b, Content c) {
    b.append("<h2>Model</h2>\n");
    if (c.model() == null) {
      b.append("<p class=\"note\">").append(esc(c.modelNote())).append("</p>\n");
      return;
    }
    b.append("<pre>").append(esc(ModelSummary.render(c.model().model().spec()))).append("</pre>\n");
    Provenance p = c.model().model().provenance();
    b.append("<h2>Provenance</h2>\n<table class=\"provenance\">\n");
    row(b, "model file", c.model().path());
    row(b, "seed", Long.toString(p.seed()));
    row(b, "sparknn", p.sparknnVersion());
    row(b, "java", p.javaVersion());
    row(b, "backend", p.backend());
    row(b, "device", p.device());
    for (Map.Entry<String, String> e : p.extra().entrySet()) row(b, e.getKey(), e.getValue());
    b.append("</table>\n<h2>Configuration</h2>\n<pre>").append(esc(p.configText().strip())).append("</pre>\n");
  }

  private static void row(StringBuilder b, String key, String value) {
    b.append("<tr><th>").append(esc(key)).append("</th><td>").append(esc(value))
        .append("</td></tr>\n");
  }
}
