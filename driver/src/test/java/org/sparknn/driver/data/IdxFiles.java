package org.sparknn.driver.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Writes small unsigned-byte IDX files for tests. */
final class IdxFiles {
  private IdxFiles() {}

  static void write(Path file, int[] dims, byte[] data, boolean gzip) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(0);
    out.writeByte(0x08);
    out.writeByte(dims.length);
    for (int d : dims) out.writeInt(d);
    out.write(data);
    out.flush();
    try (OutputStream file0 = Files.newOutputStream(file);
        OutputStream sink = gzip ? new GZIPOutputStream(file0) : file0) {
      sink.write(bytes.toByteArray());
    }
  }

  /** {@code n} images of rows x cols with pixel (i, k) = (7 i + 3 k) mod 256, labels i mod classes. */
  static void writePair(Path dir, String prefix, int n, int rows, int cols, int classes, boolean gzipImages,
      boolean gzipLabels) throws IOException {
    byte[] pixels = new byte[n * rows * cols];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < rows * cols; k++) pixels[i * rows * cols + k] = (byte) ((7 * i + 3 * k) % 256);
    }
    byte[] labels = new byte[n];
    for (int i = 0; i < n; i++) labels[i] = (byte) (i % classes);
    write(dir.resolve(prefix + "-images-idx3-ubyte" + (gzipImages ? ".gz" : "")), new int[] {n, rows, cols}, pixels,
        gzipImages);
    write(dir.resolve(prefix + "-labels-idx1-ubyte" + (gzipLabels ? ".gz" : "")), new int[] {n}, labels, gzipLabels);
  }
}
