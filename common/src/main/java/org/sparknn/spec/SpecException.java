package org.sparknn.spec;

/**
 * A specification or configuration value that is not acceptable. {@link #key()} names the offending key as the user
 * wrote it (for example {@code model.layers[1].units}); the message says what was expected and what was found.
 */
public final class SpecException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String key;
  private final String problem;

  public SpecException(String key, String problem) {
    super(key.isEmpty() ? problem : key + ": " + problem);
    this.key = key;
    this.problem = problem;
  }

  public String key() {
    return key;
  }

  public String problem() {
    return problem;
  }

  /** The same problem with its key placed under {@code prefix} (e.g. {@code layers[2]} under {@code model}). */
  public SpecException under(String prefix) {
    String joined = key.isEmpty() ? prefix : key.startsWith("[") ? prefix + key : prefix + "." + key;
    SpecException moved = new SpecException(joined, problem);
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
