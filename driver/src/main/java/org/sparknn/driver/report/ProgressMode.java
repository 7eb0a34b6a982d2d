package org.sparknn.driver.report;

/** How {@code train} shows progress: a bar per epoch, one line per epoch, or the bar exactly when on a terminal. */
public enum ProgressMode {
  AUTO, BAR, LINES;

  /** BAR or LINES: AUTO means BAR only when standard input and output are a terminal (not CI, not a log file). */
  public ProgressMode resolve() {
    if (this != AUTO) return this;
    return System.console() != null ? BAR : LINES;
  }
}
