package org.sparknn.driver.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * Turns a bad line's byte offset into its 1-based line number by counting newlines from the start of the file
 * (decompressing as Hadoop did; lines end in {@code \n} or {@code \r\n}, old Mac {@code \r}-only files are
 * miscounted). This costs a read of the file up to the line, which is why it runs only on the
 * error path: counting lines ahead of time would cost every load an extra pass.
 */
final class LineLocator implements Serializable {
  private static final long serialVersionUID = 1L;
  private final SerializableConfiguration conf;

  LineLocator(Configuration conf) {
    this.conf = new SerializableConfiguration(conf);
  }

  /** The exception to throw for {@code line}; falls back to the byte offset when the file cannot be re-read. */
  DataFileException error(TextLine line, String problem) {
    try {
      return new DataFileException(line.file(), lineNumber(line.file(), line.offset()), problem);
    } catch (IOException e) {
      return new DataFileException(line.file(), 0, "line at byte " + line.offset() + ": " + problem);
    }
  }

  private long lineNumber(String file, long offset) throws IOException {
    Path path = new Path(file);
    Configuration hadoop = conf.value();
    CompressionCodec codec = new CompressionCodecFactory(hadoop).getCodec(path);
    try (InputStream raw = path.getFileSystem(hadoop).open(path);
        InputStream in = codec == null ? raw : codec.createInputStream(raw)) {
      long line = 1;
      long remaining = offset;
      byte[] buffer = new byte[1 << 16];
      while (remaining > 0) {
        int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
        if (n < 0) break;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') line++;
        }
        remaining -= n;
      }
      return line;
    }
  }
}
