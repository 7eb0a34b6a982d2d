package org.sparknn.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads one IDX array, the format of MNIST and Fashion-MNIST: bytes 0x00 0x00, an element-type byte, a rank byte,
 * {@code rank} big-endian int sizes, then the elements big-endian and row-major. Gzip is recognised by its magic
 * bytes 1f 8b, not by the file name, because copies are often unpacked or renamed. The input must hold exactly one
 * array: trailing bytes mean the sizes in the header are wrong, so they are rejected rather than ignored.
 */
public final class IdxReader {
  private static final int MAX_BYTES = Integer.MAX_VALUE - 8;

  private IdxReader() {}

  /** Reads {@code in} to its end; {@code source} names it in messages. Does not close {@code in}. */
  public static IdxArray read(InputStream in, String source) throws IOException {
    BufferedInputStream buffered = new BufferedInputStream(notClosing(in), 1 << 16);
    buffered.mark(2);
    boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
    buffered.reset();
    if (!gzip) return readIdx(buffered, source);
    try (InputStream unzipped = new GZIPInputStream(buffered, 1 << 16)) { // close frees the inflater, not `in`
      return readIdx(unzipped, source);
    } catch (ZipException | EOFException e) {
      throw new IdxFormatException(source, "corrupt or truncated gzip data (" + e.getMessage() + ")", e);
    }
  }

  private static IdxArray readIdx(InputStream in, String source) throws IOException {
    byte[] magic = in.readNBytes(4);
    if (magic.length == 0) throw new IdxFormatException(source, "empty file: expected an IDX header");
    if (magic.length < 4 || magic[0] != 0 || magic[1] != 0) {
      throw new IdxFormatException(source, "not an IDX file: expected magic 0x0000 followed by type and rank, found 0x"
          + hex(magic) + (magic.length < 4 ? " (only " + magic.length + " bytes)" : ""));
    }
    IdxArray.ElementType type = IdxArray.ElementType.ofCode(magic[2] & 0xFF);
    if (type == null) {
      throw new IdxFormatException(source, String.format("unsupported IDX element type 0x%02x; supported: %s",
          magic[2] & 0xFF, Arrays.toString(IdxArray.ElementType.values())));
    }
    int rank = magic[3] & 0xFF;
    if (rank == 0) throw new IdxFormatException(source, "IDX rank is 0; expected at least one dimension");
    int[] dims = readDims(in, source, rank);
    long bytes = type.width();
    for (int d : dims) bytes *= d; // each d <= 2^31 and we stop past MAX_BYTES, so no overflow
    if (bytes > MAX_BYTES) {
      throw new IdxFormatException(source, "dimensions " + Arrays.toString(dims) + " describe " + bytes
          + " data bytes; at most " + MAX_BYTES + " are supported");
    }
    byte[] data = readUpTo(in, (int) bytes);
    if (data.length < bytes) {
      throw new IdxFormatException(source, "truncated: expected " + bytes + " data bytes, found " + data.length
          + " (dimensions " + Arrays.toString(dims) + ")");
    }
    if (in.read() != -1) {
      long extra = 1 + in.transferTo(java.io.OutputStream.nullOutputStream());
      throw new IdxFormatException(source, "trailing data: " + extra + " bytes after the " + bytes
          + " data bytes that dimensions " + Arrays.toString(dims) + " describe");
    }
    return new IdxArray(type, dims, data);
  }

  private static int[] readDims(InputStream in, String source, int rank) throws IOException {
    byte[] raw = in.readNBytes(4 * rank);
    if (raw.length < 4 * rank) {
      throw new IdxFormatException(source, "truncated header: expected " + rank + " dimension sizes (" + 4 * rank
          + " bytes), found " + raw.length + " bytes");
    }
    int[] dims = new int[rank];
    for (int i = 0; i < rank; i++) {
      dims[i] = ((raw[4 * i] & 0xFF) << 24) | ((raw[4 * i + 1] & 0xFF) << 16) | ((raw[4 * i + 2] & 0xFF) << 8)
          | (raw[4 * i + 3] & 0xFF);
    }
    for (int i = 0; i < rank; i++) {
      if (dims[i] <= 0) {
        throw new IdxFormatException(source, "dimension " + i + " is " + dims[i] + " in " + Arrays.toString(dims)
            + "; expected positive sizes");
      }
    }
    return dims;
  }

  /** Up to {@code n} bytes, growing the buffer as data arrives so a lying header cannot force a huge allocation. */
  private static byte[] readUpTo(InputStream in, int n) throws IOException {
    byte[] data = new byte[Math.min(n, 1 << 20)];
    int filled = 0;
    while (filled < n) {
      if (filled == data.length) data = Arrays.copyOf(data, (int) Math.min(n, 2L * data.length));
      int r = in.read(data, filled, data.length - filled);
      if (r < 0) return Arrays.copyOf(data, filled);
      filled += r;
    }
    return data;
  }

  private static String hex(byte[] bytes) {
    StringBuilder s = new StringBuilder();
    for (byte b : bytes) s.append(String.format("%02x", b & 0xFF));
    return s.toString();
  }

  /** The caller owns {@code in}; closing our gzip wrapper must not close it. */
  private static InputStream notClosing(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public void close() {}
    };
  }
}
