package org.sparknn.driver.run;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Files written through Hadoop {@link FileSystem} (local, HDFS, S3A...) so that a reader never sees half a file:
 * the content goes to a hidden temporary file in the target's directory, which is then renamed over the target.
 * A failed write deletes the temporary file and leaves any earlier file untouched. (On stores whose rename cannot
 * replace, the old file is deleted first: the only window in which neither version exists.)
 */
public final class AtomicFiles {
  /** Writes the body of a file. */
  public interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Reads a file. */
  public interface Reader<T> {
    T read(InputStream in) throws IOException;
  }

  private final Configuration conf;

  public AtomicFiles(Configuration conf) {
    this.conf = conf;
  }

  public void write(String target, Body body) throws IOException {
    Path path = new Path(target);
    FileSystem fs = path.getFileSystem(conf);
    Path tmp = new Path(path.getParent(), "." + path.getName() + ".tmp");
    ShutdownGuard.WRITING.lock(); // a Ctrl-C waits for the rename (ShutdownGuard)
    try {
      fs.mkdirs(path.getParent());
      try (FSDataOutputStream out = fs.create(tmp, true)) {
        body.writeTo(out);
        out.hsync();
      }
      if (!fs.rename(tmp, path)) {
        fs.delete(path, false);
        if (!fs.rename(tmp, path)) throw new IOException("cannot rename " + tmp + " to " + path);
      }
    } catch (IOException | RuntimeException e) {
      fs.delete(tmp, false);
      throw e;
    } finally {
      ShutdownGuard.WRITING.unlock();
    }
  }

  public <T> T read(String source, Reader<T> reader) throws IOException {
    Path path = new Path(source);
    try (InputStream in = path.getFileSystem(conf).open(path)) {
      return reader.read(in);
    }
  }

  public boolean exists(String source) throws IOException {
    Path path = new Path(source);
    return path.getFileSystem(conf).exists(path);
  }

  /** Deletes a file if it exists. */
  public void delete(String target) throws IOException {
    Path path = new Path(target);
    path.getFileSystem(conf).delete(path, false);
  }

  /** Names of the files directly in {@code directory} (none if it does not exist). */
  public java.util.List<String> list(String directory) throws IOException {
    Path dir = new Path(directory);
    FileSystem fs = dir.getFileSystem(conf);
    java.util.List<String> names = new java.util.ArrayList<>();
    if (!fs.exists(dir)) return names;
    for (org.apache.hadoop.fs.FileStatus s : fs.listStatus(dir)) if (s.isFile()) names.add(s.getPath().getName());
    return names;
  }
}
