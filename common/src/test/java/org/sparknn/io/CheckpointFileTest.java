package org.sparknn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.sparknn.optim.OptState;
import org.sparknn.spec.LayerSpec;
import org.sparknn.spec.LossKind;
import org.sparknn.spec.ModelSpec;
import org.sparknn.spec.Shape;
import org.sparknn.tensor.ModelState;
import org.sparknn.tensor.ParamLayout;

/** The checkpoint format: version 2 round trips bit for bit with its epoch cursor; version 1 still reads. */
class CheckpointFileTest {
  private static final ModelSpec SPEC = new ModelSpec(Shape.vector(3), List.of(new LayerSpec.Dense(2)),
      LossKind.SOFTMAX_CROSS_ENTROPY);

  private static Checkpoint checkpoint(EpochCursor cursor) {
    int n = ParamLayout.of(SPEC).paramSize();
    float[] params = new float[n];
    for (int i = 0; i < n; i++) params[i] = (float) Math.sin(i + 1);
    params[0] = Float.intBitsToFloat(0x7fc00123);
    float[] slots = new float[2 * n];
    for (int i = 0; i < slots.length; i++) slots[i] = 1f / (i + 3);
    Provenance p = new Provenance("model {}", 3, "dev", "17", "cpu", "test", Map.of());
    return new Checkpoint(new SavedModel(SPEC, new ModelState(params, new float[0]), p), new OptState(17, n, slots), 2,
        40, cursor);
  }

  private static byte[] bytes(Checkpoint c) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    CheckpointFile.write(c, out);
    return out.toByteArray();
  }

  private static Checkpoint read(byte[] b) throws IOException {
    return CheckpointFile.read(new ByteArrayInputStream(b), "c.ckpt");
  }

  @Test
  void midEpochCheckpointRoundTripsBitForBit() throws IOException {
    EpochCursor cursor = new EpochCursor(5, 0.1 + 0.2, 160, 97, 160);
    Checkpoint c = checkpoint(cursor);
    Checkpoint back = read(bytes(c));
    assertEquals(cursor, back.cursor());
    assertEquals(Double.doubleToRawLongBits(0.1 + 0.2), Double.doubleToRawLongBits(back.cursor().lossSum()));
    assertEquals(2, back.epochsDone());
    assertEquals(40, back.globalStep());
    assertEquals(17, back.optState().step());
    assertArrayEquals(c.optState().flatSlots(), back.optState().flatSlots());
    float[] p = c.model().state().params();
    float[] q = back.model().state().params();
    for (int i = 0; i < p.length; i++) assertEquals(Float.floatToRawIntBits(p[i]), Float.floatToRawIntBits(q[i]));
  }

  @Test
  void versionOneReadsAsAnEpochEndCheckpoint() throws IOException {
    Checkpoint c = checkpoint(EpochCursor.START);
    byte[] v2 = bytes(c);
    // version 1 is version 2 without the 40 cursor bytes after the global step (offset 8 + 4 + 4 + 8 = 24)
    byte[] body = new byte[v2.length - 4 - 40];
    System.arraycopy(v2, 0, body, 0, 24);
    System.arraycopy(v2, 24 + 40, body, 24, v2.length - 4 - 64);
    body[11] = 1;
    CRC32 crc = new CRC32();
    crc.update(body);
    ByteArrayOutputStream v1 = new ByteArrayOutputStream();
    v1.write(body);
    new DataOutputStream(v1).writeInt((int) crc.getValue());
    Checkpoint back = read(v1.toByteArray());
    assertEquals(EpochCursor.START, back.cursor());
    assertEquals(2, back.epochsDone());
    assertArrayEquals(c.optState().flatSlots(), back.optState().flatSlots());
  }

  @Test
  void damageIsReportedWithTheFileName() throws IOException {
    byte[] b = bytes(checkpoint(new EpochCursor(1, 2, 3, 1, 3)));
    ModelFileException cut = assertThrows(ModelFileException.class, () -> read(Arrays.copyOf(b, b.length / 2)));
    assertEquals("c.ckpt: truncated checkpoint", cut.getMessage());
    b[30] ^= 1;
    ModelFileException flipped = assertThrows(ModelFileException.class, () -> read(b));
    assertEquals("c.ckpt: checksum mismatch: checkpoint is corrupt", flipped.getMessage());
    byte[] other = "not a checkpoint".getBytes(StandardCharsets.US_ASCII);
    assertEquals("c.ckpt: not a sparknn checkpoint (bad magic)",
        assertThrows(ModelFileException.class, () -> read(other)).getMessage());
  }
}
