package org.sparknn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.sparknn.io.IdxBytes.gzip;
import static org.sparknn.io.IdxBytes.idx;
import static org.sparknn.io.IdxBytes.ubytes;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.ZipException;
import org.junit.jupiter.api.Test;

class IdxReaderTest {
  private static final byte[] SMALL = ubytes(new int[] {2, 3}, 0, 1, 2, 127, 128, 255);

  private static IdxArray read(byte[] bytes, String source) throws IOException {
    return IdxReader.read(new ByteArrayInputStream(bytes), source);
  }

  private static String failure(byte[] bytes, String source) {
    return assertThrows(IdxFormatException.class, () -> read(bytes, source)).getMessage();
  }

  @Test
  void readsUnsignedBytes() throws IOException {
    IdxArray a = read(SMALL, "small");
    assertEquals(IdxArray.ElementType.UNSIGNED_BYTE, a.type());
    assertArrayEquals(new int[] {2, 3}, a.dims());
    assertEquals(6, a.count());
    float[] values = new float[6];
    for (int i = 0; i < 6; i++) values[i] = a.valueAt(i);
    assertArrayEquals(new float[] {0, 1, 2, 127, 128, 255}, values);
  }

  @Test
  void gzipIsDetectedByContentNotName() throws IOException {
    IdxArray zipped = read(gzip(SMALL), "no-extension");
    IdxArray plain = read(SMALL, "misleading.gz");
    assertArrayEquals(plain.data(), zipped.data());
    assertArrayEquals(plain.dims(), zipped.dims());
  }

  @Test
  void readsWiderTypesBigEndian() throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8);
    b.putShort((short) -2).putShort((short) 300).putInt(0);
    assertEquals(-2f, read(idx(0x0B, new int[] {2}, Arrays.copyOf(b.array(), 4)), "s").valueAt(0));
    assertEquals(300f, read(idx(0x0B, new int[] {2}, Arrays.copyOf(b.array(), 4)), "s").valueAt(1));
    assertEquals(-70000f, read(idx(0x0C, new int[] {1}, ByteBuffer.allocate(4).putInt(-70000).array()), "i").valueAt(0));
    assertEquals(1.5f, read(idx(0x0D, new int[] {1}, ByteBuffer.allocate(4).putFloat(1.5f).array()), "f").valueAt(0));
    assertEquals(-0.25f, read(idx(0x0E, new int[] {1}, ByteBuffer.allocate(8).putDouble(-0.25).array()), "d").valueAt(0));
    assertEquals(-1f, read(idx(0x09, new int[] {1}, new byte[] {-1}), "b").valueAt(0));
  }

  @Test
  void doesNotCloseTheCallersStream() throws IOException {
    boolean[] closed = {false};
    ByteArrayInputStream in = new ByteArrayInputStream(gzip(SMALL)) {
      @Override
      public void close() {
        closed[0] = true;
      }
    };
    IdxReader.read(in, "x");
    assertFalse(closed[0]);
  }

  @Test
  void rejectsWrongMagic() {
    String m = failure("PK\3\4rest".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), "train-images-idx3-ubyte");
    assertEquals("train-images-idx3-ubyte: not an IDX file: expected magic 0x0000 followed by type and rank, found 0x504b0304", m);
  }

  @Test
  void doublyCompressedFileShowsTheGzipMagicInside() {
    String m = failure(gzip(gzip(SMALL)), "train-images-idx3-ubyte.gz");
    assertTrue(m.startsWith("train-images-idx3-ubyte.gz: not an IDX file: expected magic 0x0000 followed by type and rank, found 0x1f8b"), m);
  }

  @Test
  void rejectsEmptyAndTooShortFiles() {
    assertTrue(failure(new byte[0], "empty.idx").contains("empty.idx: empty file"));
    assertTrue(failure(new byte[] {0, 0}, "short.idx").contains("found 0x0000 (only 2 bytes)"));
  }

  @Test
  void rejectsUnsupportedType() {
    String m = failure(idx(0x0A, new int[] {1}, new byte[1]), "odd.idx");
    assertTrue(m.startsWith("odd.idx: unsupported IDX element type 0x0a"), m);
    assertTrue(m.contains("0x08 (unsigned byte)"), m);
  }

  @Test
  void rejectsRankZeroAndNonPositiveDims() {
    assertTrue(failure(idx(0x08, new int[0], new byte[0]), "r0").contains("r0: IDX rank is 0"));
    String zero = failure(idx(0x08, new int[] {60000, 0, 28}, new byte[0]), "zero.idx");
    assertEquals("zero.idx: dimension 1 is 0 in [60000, 0, 28]; expected positive sizes", zero);
    String negative = failure(idx(0x08, new int[] {-1}, new byte[0]), "neg.idx");
    assertTrue(negative.contains("dimension 0 is -1"), negative);
  }

  @Test
  void rejectsTruncatedHeader() {
    byte[] cut = Arrays.copyOf(idx(0x08, new int[] {10, 28, 28}, new byte[0]), 9);
    assertEquals("cut.idx: truncated header: expected 3 dimension sizes (12 bytes), found 5 bytes", failure(cut, "cut.idx"));
  }

  @Test
  void rejectsTruncatedData() {
    byte[] bytes = idx(0x08, new int[] {60000, 28, 28}, new byte[1234]);
    String m = failure(bytes, "train-images-idx3-ubyte");
    assertEquals("train-images-idx3-ubyte: truncated: expected 47040000 data bytes, found 1234 "
        + "(dimensions [60000, 28, 28])", m);
    assertTrue(failure(gzip(bytes), "train-images-idx3-ubyte.gz").contains("expected 47040000 data bytes"));
  }

  @Test
  void rejectsTrailingData() {
    byte[] bytes = Arrays.copyOf(SMALL, SMALL.length + 3);
    assertEquals("extra.idx: trailing data: 3 bytes after the 6 data bytes that dimensions [2, 3] describe",
        failure(bytes, "extra.idx"));
  }

  @Test
  void wrapsTruncatedGzipWithTheSourceName() {
    byte[] zipped = gzip(ubytes(new int[] {1000}, new int[1000]));
    IdxFormatException e = assertThrows(IdxFormatException.class,
        () -> read(Arrays.copyOf(zipped, zipped.length - 12), "labels.gz"));
    assertTrue(e.getMessage().startsWith("labels.gz: corrupt or truncated gzip data"), e.getMessage());
    assertInstanceOf(EOFException.class, e.getCause());
  }

  @Test
  void wrapsCorruptGzipWithTheSourceName() {
    byte[] zipped = gzip(SMALL);
    zipped[zipped.length - 8] ^= 1; // the CRC32 of the uncompressed data
    IdxFormatException e = assertThrows(IdxFormatException.class, () -> read(zipped, "images.gz"));
    assertTrue(e.getMessage().startsWith("images.gz: corrupt or truncated gzip data"), e.getMessage());
    assertInstanceOf(ZipException.class, e.getCause());
  }
}
