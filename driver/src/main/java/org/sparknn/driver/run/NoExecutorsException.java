package org.sparknn.driver.run;

/** The run could not get an executor within the configured time ({@link ExecutorWatch}). */
public final class NoExecutorsException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  NoExecutorsException(String message) {
    super(message);
  }
}
