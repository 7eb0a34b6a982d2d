package org.sparknn.driver.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;

/**
 * A prefix of a float array as raw big-endian IEEE bits (the byte format of Kryo's own {@code writeFloat}), with no
 * length written: the caller knows it. Converted in chunks through a {@link FloatBuffer} view, which the JIT turns
 * into bulk copies; Kryo 4 writes float by float and only whole arrays, while a block's arrays may be longer than
 * what it holds. Cached data sets are tens of millions of floats, written and read several times per load.
 */
final class FloatArrays {
  private static final int CHUNK_FLOATS = 1 << 14;

  private FloatArrays() {}

  static void write(Output output, float[] values, int count) {
    byte[] chunk = new byte[4 * Math.min(count, CHUNK_FLOATS)];
    FloatBuffer view = ByteBuffer.wrap(chunk).asFloatBuffer();
    for (int from = 0; from < count; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, count - from);
      view.clear();
      view.put(values, from, n);
      output.writeBytes(chunk, 0, 4 * n);
    }
  }

  static float[] read(Input input, int count) {
    float[] values = new float[count];
    byte[] chunk = new byte[4 * Math.min(count, CHUNK_FLOATS)];
    FloatBuffer view = ByteBuffer.wrap(chunk).asFloatBuffer();
    for (int from = 0; from < count; from += CHUNK_FLOATS) {
      int n = Math.min(CHUNK_FLOATS, count - from);
      input.readBytes(chunk, 0, 4 * n);
      view.clear();
      view.get(values, from, n);
    }
    return values;
  }
}
