package org.sparknn.worker.stream;

import java.io.IOException;

/** The step server stopped the epoch and said why (a diverged step, a failed task); the task ends. */
public final class StepAbortedException extends IOException {
  public StepAbortedException(String reason) {
    super("the step server stopped the epoch: " + reason);
  }
}
