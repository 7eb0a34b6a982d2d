package org.sparknn.driver.report;

import static org.sparknn.driver.report.Html.count;
import static org.sparknn.driver.report.Html.esc;
import static org.sparknn.driver.report.Html.num;

import java.util.List;

/**
 * The test set's confusion matrix as an HTML table: a row per true class, a column per predicted class, each cell
 * shaded by its share of the row (blue on the diagonal, red off it), then each class's recall and the totals.
 */
final class ConfusionTable {
  private ConfusionTable() {}

  static String render(long[][] rows, List<String> names) {
    int n = rows.length;
    long[] predicted = new long[n];
    long total = 0;
    long correct = 0;
    StringBuilder b = new StringBuilder("<table class=\"confusion\">\n<thead><tr><th class=\"corner\">true \\ "
        + "predicted</th>");
    for (String name : names) b.append("<th class=\"col\">").append(esc(name)).append("</th>");
    b.append("<th>total</th><th>recall</th></tr></thead>\n<tbody>\n");
    for (int t = 0; t < n; t++) {
      long rowTotal = 0;
      for (long v : rows[t]) rowTotal += v;
      b.append("<tr><th>").append(esc(names.get(t))).append("</th>");
      for (int p = 0; p < n; p++) {
        long v = rows[t][p];
        predicted[p] += v;
        double share = rowTotal == 0 ? 0 : (double) v / rowTotal;
        String rgb = t == p ? "31,119,180" : "214,39,40";
        String alpha = String.format(java.util.Locale.ROOT, "%.3f", t == p ? share : Math.min(1, 3 * share));
        b.append("<td class=\"c").append(t == p ? " diag" : "").append(t == p && share > 0.55 ? " dark" : "")
            .append("\" style=\"background:rgba(").append(rgb).append(',').append(alpha).append(")\">").append(v)
            .append("</td>");
      }
      total += rowTotal;
      correct += rows[t][t];
      b.append("<td class=\"sum\">").append(count(rowTotal)).append("</td><td class=\"sum\">")
          .append(num(rowTotal == 0 ? Double.NaN : (double) rows[t][t] / rowTotal, 3)).append("</td></tr>\n");
    }
    b.append("</tbody>\n<tfoot><tr><th>total</th>");
    for (long v : predicted) b.append("<td class=\"sum\">").append(count(v)).append("</td>");
    b.append("<td class=\"sum total\">").append(count(total)).append("</td><td class=\"sum\">")
        .append(num(total == 0 ? Double.NaN : (double) correct / total, 3)).append("</td></tr></tfoot>\n</table>\n");
    return b.toString();
  }
}
