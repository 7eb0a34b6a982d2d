package org.sparknn.tensor;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a model state's raw float bits: the parameters, then the buffers, each value as its IEEE 754 bits
 * (little-endian, {@link Float#floatToRawIntBits}), so two states hash alike exactly when they are bitwise equal.
 */
public final class ParamsHash {
  private ParamsHash() {}

  /** Lower-case hex SHA-256 of {@code state}'s parameter and buffer bits. */
  public static String of(ModelState state) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    update(sha, state.params());
    update(sha, state.buffers());
    return HexFormat.of().formatHex(sha.digest());
  }

  private static void update(MessageDigest sha, float[] values) {
    ByteBuffer bytes = ByteBuffer.allocate(4 * 4096).order(ByteOrder.LITTLE_ENDIAN);
    for (int i = 0; i < values.length; i++) {
      bytes.putInt(Float.floatToRawIntBits(values[i]));
      if (!bytes.hasRemaining()) {
        sha.update(bytes.array(), 0, bytes.position());
        bytes.clear();
      }
    }
    sha.update(bytes.array(), 0, bytes.position());
  }
}
