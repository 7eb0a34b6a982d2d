package org.sparknn.driver.kryo;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * A prefix of a float array as raw big-endian IEEE bits, with no length written (the caller knows it). Kryo 4's
 * {@code Output.writeFloats} writes a whole array only, and a block's arrays may be longer than what it holds.
 */
final class FloatArrays {
  private FloatArrays() {}

  static void write(Output output, float[] values, int count) {
    for (int i = 0; i < count; i++) output.writeFloat(values[i]);
  }

  static float[] read(Input input, int count) {
    return input.readFloats(count);
  }
}
