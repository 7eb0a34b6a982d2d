package org.sparknn.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.zip.GZIPOutputStream;

/** Builds IDX files in memory for tests. */
final class IdxBytes {
  private IdxBytes() {}

  /** Header for {@code type} and {@code dims}, followed by {@code data} as given. */
  static byte[] idx(int type, int[] dims, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
    b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
    for (int d : dims) b.putInt(d);
    b.put(data);
    return b.array();
  }

  static byte[] ubytes(int[] dims, int... values) {
    byte[] data = new byte[values.length];
    for (int i = 0; i < values.length; i++) data[i] = (byte) values[i];
    return idx(0x08, dims, data);
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream z = new GZIPOutputStream(out)) {
      z.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
