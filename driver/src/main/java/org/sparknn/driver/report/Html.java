package org.sparknn.driver.report;

import java.util.Locale;

/** Text made safe for HTML, and numbers written the same way whatever the machine's locale. */
final class Html {
  private Html() {}

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** {@code value} with {@code digits} decimals, or a dash when it was not recorded (NaN). */
  static String num(double value, int digits) {
    return Double.isNaN(value) ? "&ndash;" : String.format(Locale.ROOT, "%,." + digits + "f", value);
  }

  static String count(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
