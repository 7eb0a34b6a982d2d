package org.sparknn.driver.data;

import java.io.IOException;
import java.util.Optional;
import org.sparknn.io.IdxFormatException;

/**
 * Input data that cannot be used as it is: the message starts with the file and, for text, the 1-based line
 * ({@code file:/data/train.csv:17: ...}), then says what was found and what was expected. Thrown inside Spark tasks;
 * {@link #find} digs it out of the failed job's exception so the user sees this message, not a stage failure.
 */
public final class DataFileException extends IOException {
  private static final long serialVersionUID = 1L;

  /** {@code line <= 0} when the record has no line number (Parquet rows). */
  public DataFileException(String file, long line, String problem) {
    super(file + (line > 0 ? ":" + line : "") + ": " + problem);
  }

  /** The data error (this class or an {@link IdxFormatException}) that caused {@code failure}, if one did. */
  public static Optional<IOException> find(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DataFileException || t instanceof IdxFormatException) return Optional.of((IOException) t);
    }
    return Optional.empty();
  }
}
