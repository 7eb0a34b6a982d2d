package org.sparknn.io;

import java.io.IOException;

/**
 * A model file that cannot be read: not a model file, a newer format, truncated, corrupt (checksum) or inconsistent.
 * The message starts with the file's name.
 */
public final class ModelFileException extends IOException {
  private static final long serialVersionUID = 1L;

  public ModelFileException(String source, String problem) {
    super(source + ": " + problem);
  }

  public ModelFileException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
