package org.sparknn.driver.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.spark.SparkException;
import org.sparknn.driver.train.DivergedException;
import org.sparknn.spec.SpecException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear line and an exit status: 2 for a bad configuration or argument, 3 for a diverged
 * run, 1 for bad data and other failures. The stack trace only with SPARKNN_DEBUG=1.
 */
final class Failures implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception e, CommandLine cli, ParseResult parsed) {
    Throwable cause = unwrap(e);
    cli.getErr().println("error: " + cause.getMessage());
    if ("1".equals(System.getenv("SPARKNN_DEBUG"))) e.printStackTrace(cli.getErr());
    if (cause instanceof SpecException) return 2;
    if (cause instanceof DivergedException) return 3;
    return 1;
  }

  /** The failure the user can act on: a task's own exception rather than Spark's wrapper around it. */
  static Throwable unwrap(Throwable e) {
    Throwable t = e;
    while ((t instanceof UncheckedIOException || t instanceof SparkException
        || (t instanceof RuntimeException && t.getClass() == RuntimeException.class)) && t.getCause() != null) {
      t = t.getCause();
    }
    return t instanceof IOException || t instanceof RuntimeException ? t : e;
  }
}
