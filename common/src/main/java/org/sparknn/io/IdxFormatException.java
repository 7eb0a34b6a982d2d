package org.sparknn.io;

import java.io.IOException;

/**
 * An IDX input that cannot be read as described: wrong magic, unsupported type, bad sizes, truncated or trailing
 * data, corrupt gzip. A checked {@link IOException} because it is a property of a file, like any other read failure;
 * the message starts with the file's name and says what was expected and what was found.
 */
public final class IdxFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  public IdxFormatException(String source, String problem) {
    super(source + ": " + problem);
  }

  public IdxFormatException(String source, String problem, Throwable cause) {
    super(source + ": " + problem, cause);
  }
}
